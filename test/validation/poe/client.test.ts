import { afterEach, describe, expect, it, vi } from 'vitest';
import { type PoeWorker, runPoeInWorker } from '../../../src/validation/poe/client';
import type { PoeRequest, PoeResponse } from '../../../src/validation/poe/messages';

const request: PoeRequest = { files: [], claim: {}, submissionDate: '2026-11-27T12:00:00Z' };

/** A worker that answers (or not) as the test says, and records terminate(). */
function fakeWorker(behave: (worker: PoeWorker) => void) {
  const worker: PoeWorker & { terminated: number; posted: PoeRequest[] } = {
    terminated: 0,
    posted: [],
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message) {
      this.posted.push(message);
      behave(this);
    },
    terminate() {
      this.terminated++;
    },
  };
  return worker;
}

const answer = (
  worker: PoeWorker,
  data: Omit<PoeResponse, 'source'> | Record<string, unknown>,
  tagged = true,
) =>
  worker.onmessage?.(
    new MessageEvent('message', {
      data: tagged ? { source: 'cpor-guard:poe-answer', ...data } : data,
    }) as MessageEvent<PoeResponse>,
  );

describe('running the PoE check in a worker', () => {
  afterEach(() => vi.useRealTimers());

  it('returns the findings and ends the worker', async () => {
    const worker = fakeWorker((w) => queueMicrotask(() => answer(w, { ok: true, findings: [] })));
    await expect(runPoeInWorker(() => worker, request)).resolves.toEqual({ kind: 'done', findings: [] });
    expect(worker.posted).toEqual([request]);
    expect(worker.terminated).toBe(1);
  });

  it('stops a worker that does not answer in time and says so', async () => {
    vi.useFakeTimers();
    const worker = fakeWorker(() => {});
    const outcome = runPoeInWorker(() => worker, request, 30_000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(worker.terminated).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toEqual({ kind: 'timeout', limitMs: 30_000 });
    expect(worker.terminated).toBe(1);
  });

  it('reports a worker crash, an error answer and a worker that cannot start', async () => {
    const crashing = fakeWorker((w) =>
      queueMicrotask(() => w.onerror?.(new ErrorEvent('error', { message: 'Uncaught RangeError: boom' }))),
    );
    await expect(runPoeInWorker(() => crashing, request)).resolves.toEqual({
      kind: 'crashed',
      error: 'Uncaught RangeError: boom',
    });
    expect(crashing.terminated).toBe(1);
    const failing = fakeWorker((w) => queueMicrotask(() => answer(w, { ok: false, error: 'no pack' })));
    await expect(runPoeInWorker(() => failing, request)).resolves.toEqual({
      kind: 'crashed',
      error: 'no pack',
    });
    await expect(
      runPoeInWorker(() => {
        throw new Error('blocked by CSP');
      }, request),
    ).resolves.toEqual({ kind: 'crashed', error: 'blocked by CSP' });
  });

  it("ignores pdf.js's own messages on the worker's port", async () => {
    const worker = fakeWorker((w) =>
      queueMicrotask(() => {
        answer(w, { sourceName: 'worker', targetName: 'main', action: 'ready' }, false);
        answer(w, { ok: true, findings: [] });
      }),
    );
    await expect(runPoeInWorker(() => worker, request)).resolves.toEqual({ kind: 'done', findings: [] });
  });

  it('answers once even when the worker answers twice', async () => {
    const worker = fakeWorker((w) =>
      queueMicrotask(() => {
        answer(w, { ok: true, findings: [] });
        w.onerror?.(new ErrorEvent('error', { message: 'late' }));
      }),
    );
    await expect(runPoeInWorker(() => worker, request)).resolves.toEqual({ kind: 'done', findings: [] });
    expect(worker.terminated).toBe(1);
  });
});
