/**
 * How an overlay feature follows the page: it reads the page now, again when the page changes
 * (Partner Center re-renders after sorting, filtering, paging, or a status change; our own nodes
 * do not count), and every `refreshMs` for the clocks; one read at a time (a change during a read
 * gives one more read after it), until `signal` aborts. A read that throws goes to `onError`,
 * never into the page.
 *
 * A change is read once the page has been quiet for `settleMs`, but never later than `maxWaitMs`
 * after the first change not yet read: a list whose rows stream in more often than the settle
 * time (every 200 ms, say) would otherwise restart the wait on every row and get no badge until
 * the stream ends.
 */

/** Our own nodes in the host page (badge hosts, panels, notices) carry this attribute. */
export const OWN_ATTRIBUTE = 'data-cpor-guard';

export interface WatchOptions {
  refreshMs: number;
  /** How long the page must be quiet after a change before it is read (an SPA renders in bursts). */
  settleMs: number;
  /** The longest a change waits to be read while the page keeps changing. */
  maxWaitMs: number;
  onError: (error: unknown) => void;
  /** Removes what the feature added, when `signal` aborts. */
  onAbort: () => void;
}

export async function watchPage(
  signal: AbortSignal,
  doc: Document,
  read: () => Promise<void>,
  { refreshMs, settleMs, maxWaitMs, onError, onAbort }: WatchOptions,
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
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const readChanges = () => {
    clearTimeout(settle);
    clearTimeout(deadline);
    settle = deadline = undefined;
    void update();
  };
  const observer = new MutationObserver((mutations) => {
    if (mutations.every(isOwnMutation)) return;
    clearTimeout(settle);
    settle = setTimeout(readChanges, settleMs);
    deadline ??= setTimeout(readChanges, maxWaitMs);
  });
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true });
  const refresh = setInterval(() => void update(), refreshMs);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(settle);
      clearTimeout(deadline);
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
