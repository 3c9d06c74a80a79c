import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OWN_ATTRIBUTE, watchPage } from '../../src/features/watch';

const OPTIONS = { refreshMs: 60_000, settleMs: 250, maxWaitMs: 1_000 };

describe('watchPage', () => {
  let controller: AbortController;
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<table><tbody id="rows"></tbody></table>';
    controller = new AbortController();
  });
  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
  });

  async function start() {
    const reads: number[] = [];
    const read = vi.fn(async () => {
      reads.push(document.querySelectorAll('#rows tr').length);
    });
    await watchPage(controller.signal, document, read, {
      ...OPTIONS,
      onError: (error) => {
        throw error;
      },
      onAbort: () => {},
    });
    return reads;
  }

  function addRow() {
    document.getElementById('rows')?.append(document.createElement('tr'));
  }

  /** Lets the MutationObserver's callback run, then moves the fake clock. */
  async function advance(ms: number) {
    await Promise.resolve();
    await vi.advanceTimersByTimeAsync(ms);
  }

  it('reads once the page has been quiet for the settle time', async () => {
    const reads = await start();
    addRow();
    await advance(249);
    expect(reads).toEqual([0]);
    await advance(1);
    expect(reads).toEqual([0, 1]);
  });

  it('reads rows that stream in every 200 ms within the maximum wait, not only when they stop', async () => {
    const reads = await start();
    for (let i = 0; i < 10; i++) {
      addRow();
      await advance(200);
    }
    // Ten rows in 2 s, never 250 ms apart: a settle timer alone would not have read once.
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads[1]).toBe(5); // the first read came 1 s after the first row
    await advance(250);
    expect(reads.at(-1)).toBe(10);
  });

  it('does not read for changes to its own nodes', async () => {
    const reads = await start();
    const own = document.createElement('span');
    own.setAttribute(OWN_ATTRIBUTE, '');
    document.body.append(own);
    await advance(2_000);
    expect(reads).toEqual([0]);
  });

  it('stops reading when the signal aborts', async () => {
    const reads = await start();
    addRow();
    controller.abort();
    await advance(2_000);
    expect(reads).toEqual([0]);
  });
});
