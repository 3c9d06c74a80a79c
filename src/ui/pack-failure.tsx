/**
 * What a page of the extension shows when the rules it needs could not be loaded (a build defect):
 * both languages, since the pack's own texts are what is missing. No rule pack is imported here, so
 * the popup (which mounts without one) can use it too.
 */
import { render } from 'preact';

export function showPackFailure(root: HTMLElement, error: unknown): void {
  console.error('[cpor-guard] rule pack', error);
  render(
    <p role="alert">
      cpor-guard: the built-in rules could not be loaded ({String((error as Error)?.message).split('\n')[0]}
      ). / De ingebouwde regels konden niet worden geladen.
    </p>,
    root,
  );
}
