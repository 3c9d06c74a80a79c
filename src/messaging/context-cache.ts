/**
 * The content script's copy of the background's context (the active pack and its holiday table,
 * 125 KB as JSON for the built-in pack): kept across in-page navigations and sent again only when the background
 * built another one (another pack was activated, the partner's region changed, a new year began,
 * or the service worker restarted). Each navigation still asks, with the revision it holds, so
 * the answer is never stale; an unchanged context comes back as its revision only.
 */
import type { AnswerOf, ContextResponse, ErrorResponse } from './protocol';

export type AskContext = (have: string | undefined) => Promise<AnswerOf<'cpor/context'>>;

/** The context now: the one held when the background says it is still current, else the new one. */
export function createContextCache(ask: AskContext): () => Promise<ContextResponse | ErrorResponse> {
  let held: ContextResponse | undefined;
  return async () => {
    const answer = await ask(held?.revision);
    if (!answer.ok) return answer;
    if (!('unchanged' in answer)) {
      held = answer;
      return answer;
    }
    if (held?.revision === answer.revision) return held;
    // Unchanged, but not what this copy holds (two navigations crossed): ask for the whole once.
    const whole = await ask(undefined);
    if (!whole.ok) return whole;
    if ('unchanged' in whole) return { ok: false, error: 'the background sent no context' };
    held = whole;
    return whole;
  };
}
