import { browserLocale } from './locale';

/**
 * The language the page speaks: the partner's choice (settings `language`, read by the caller)
 * when made, else the browser's. A choice that takes over LANGUAGE_WAIT_MS to read, or fails,
 * counts as none: the page never waits long for it.
 */
export async function pageLocale(chosen?: () => Promise<string | undefined>): Promise<string> {
  if (!chosen) return browserLocale();
  const late = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LANGUAGE_WAIT_MS));
  const language = await Promise.race([chosen().catch(() => undefined), late]);
  return language ?? browserLocale();
}

export const LANGUAGE_WAIT_MS = 500;
