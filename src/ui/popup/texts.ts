/**
 * The popup's texts from the shell the background sends (src/overlay/popup-shell.ts): a message
 * is formatted as formatMessage formats it from the pack (src/i18n/format.ts), so the popup shows
 * the same words without a pack of its own.
 */
import { formatValue, type MessageParams } from '../../i18n/format';
import type { PopupShell } from '../../overlay/popup-shell';

export type Translate = (key: string, params?: MessageParams) => string;

export interface PopupTexts extends Omit<PopupShell, 'messages'> {
  t: Translate;
}

export function popupTexts(shell: PopupShell): PopupTexts {
  const { messages, ...rest } = shell;
  return {
    ...rest,
    // A missing key shows the key itself, as formatMessage does, so the gap is visible.
    t: (key, params = {}) => {
      const message = messages[key];
      return message ? formatValue(message.value, message.locale, params) : key;
    },
  };
}
