/**
 * How an overlay feature follows the page: it reads the page now, again when the page changes
 * (Partner Center re-renders after sorting, filtering, paging, or a status change; our own nodes
 * do not count), and every `refreshMs` for the clocks; one read at a time (a change during a read
 * gives one more read after it), until `signal` aborts. A read that throws goes to `onError`,
 * never into the page.
 */

/** Our own nodes in the host page (badge hosts, panels, notices) carry this attribute. */
export const OWN_ATTRIBUTE = 'data-cpor-guard';

export interface WatchOptions {
  refreshMs: number;
  /** How long the page must be quiet after a change before it is read (an SPA renders in bursts). */
  settleMs: number;
  onError: (error: unknown) => void;
  /** Removes what the feature added, when `signal` aborts. */
  onAbort: () => void;
}

export async function watchPage(
  signal: AbortSignal,
  doc: Document,
  read: () => Promise<void>,
  { refreshMs, settleMs, onError, onAbort }: WatchOptions,
): Promise<void> {
  let running = false;
  let again = false;
  async function update(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (!signal.aborted) await read();
      } while (again && !signal.aborted);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  }

  let settle: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((mutations) => {
    if (mutations.every(isOwnMutation)) return;
    clearTimeout(settle);
    settle = setTimeout(() => void update(), settleMs);
  });
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true });
  const refresh = setInterval(() => void update(), refreshMs);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(settle);
      clearInterval(refresh);
      onAbort();
    },
    { once: true },
  );
  await update();
}

/** A mutation that only adds or removes our own nodes (their insides are in shadow roots). */
function isOwnMutation(mutation: MutationRecord): boolean {
  if (mutation.type !== 'childList') return false;
  const own = (node: Node) => node instanceof Element && node.hasAttribute(OWN_ATTRIBUTE);
  return [...mutation.addedNodes, ...mutation.removedNodes].every(own);
}
