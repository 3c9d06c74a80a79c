import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPoeRunner, type PoeWorker, runPoeInWorker } from '../../../src/validation/poe/client';
import type { PoeRequest, PoeResponse } from '../../../src/validation/poe/messages';

const request: PoeRequest = { files: [], claim: {}, submissionDate: '2026-11-27T12:00:00Z' };

/** A worker that answers (or not) as the test says, and records terminate(). */
function fakeWorker(behave: (worker: PoeWorker, message: PoeRequest) => void) {
  const worker: PoeWorker & { terminated: number; posted: PoeRequest[] } = {
    terminated: 0,
    posted: [],
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message) {
      this.posted.push(message);
      behave(this, message);
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
    expect(worker.posted).toEqual([{ ...request, id: 1 }]);
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

/** A worker that answers each request with its id, and counts the workers made. */
function answeringWorkers() {
  const made: ReturnType<typeof fakeWorker>[] = [];
  const create = () => {
    const worker = fakeWorker((w, { id }) => queueMicrotask(() => answer(w, { ok: true, findings: [], id })));
    made.push(worker);
    return worker;
  };
  return { made, create };
}

describe('a worker kept for the page', () => {
  afterEach(() => vi.useRealTimers());

  it('runs the next check in the same worker, each answered by its id', async () => {
    const { made, create } = answeringWorkers();
    const runner = createPoeRunner(create);
    await expect(runner.run(request)).resolves.toEqual({ kind: 'done', findings: [] });
    await expect(runner.run(request)).resolves.toEqual({ kind: 'done', findings: [] });
    expect(made).toHaveLength(1);
    expect(made[0]!.posted.map((r) => r.id)).toEqual([1, 2]);
    expect(made[0]!.terminated).toBe(0);
    runner.close();
    expect(made[0]!.terminated).toBe(1);
  });

  it('ends the kept worker after it waited idleMs for a check', async () => {
    vi.useFakeTimers();
    const { made, create } = answeringWorkers();
    const runner = createPoeRunner(create, { idleMs: 60_000 });
    await runner.run(request);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(made[0]!.terminated).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(made[0]!.terminated).toBe(1);
    await runner.run(request);
    expect(made).toHaveLength(2);
  });

  it('never keeps a worker that timed out or crashed: the next check gets a new one', async () => {
    vi.useFakeTimers();
    const silent = fakeWorker(() => {});
    const crashing = fakeWorker((w) =>
      queueMicrotask(() => w.onerror?.(new ErrorEvent('error', { message: 'boom' }))),
    );
    const { made, create } = answeringWorkers();
    const queue = [silent, crashing];
    const runner = createPoeRunner(() => queue.shift() ?? create(), { hardLimitMs: 1_000 });
    const timedOut = runner.run(request);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(timedOut).resolves.toEqual({ kind: 'timeout', limitMs: 1_000 });
    expect(silent.terminated).toBe(1);
    await expect(runner.run(request)).resolves.toEqual({ kind: 'crashed', error: 'boom' });
    expect(crashing.terminated).toBe(1);
    await expect(runner.run(request)).resolves.toEqual({ kind: 'done', findings: [] });
    expect(made).toHaveLength(1);
  });

  it('keeps a worker whose check answered with its own error', async () => {
    const failing = fakeWorker((w, { id }) =>
      queueMicrotask(() => answer(w, { ok: false, error: 'no pack', id })),
    );
    const runner = createPoeRunner(() => failing);
    await expect(runner.run(request)).resolves.toEqual({ kind: 'crashed', error: 'no pack' });
    await runner.run(request);
    expect(failing.posted).toHaveLength(2);
    expect(failing.terminated).toBe(0);
  });

  it("ignores an answer with another check's id", async () => {
    const worker = fakeWorker((w, { id }) =>
      queueMicrotask(() => {
        answer(w, { ok: true, findings: [{ id: 'stale' }], id: 99 });
        answer(w, { ok: true, findings: [], id });
      }),
    );
    await expect(createPoeRunner(() => worker).run(request)).resolves.toEqual({ kind: 'done', findings: [] });
  });

  it('sends a kept worker the same pack once, and another pack again', async () => {
    const { made, create } = answeringWorkers();
    const runner = createPoeRunner(create);
    const pack = { pack: { id: 'p' } } as unknown as NonNullable<PoeRequest['pack']>;
    const other = { pack: { id: 'q' } } as unknown as NonNullable<PoeRequest['pack']>;
    await runner.run({ ...request, pack });
    await runner.run({ ...request, pack });
    await runner.run({ ...request, pack: other });
    expect(made).toHaveLength(1);
    expect(made[0]!.posted.map((r) => [r.pack === undefined ? null : r.pack, r.samePack ?? false])).toEqual([
      [pack, false],
      [null, true],
      [other, false],
    ]);
  });

  it('gives a check that starts while another runs a worker of its own, and keeps one of them', async () => {
    const { made, create } = answeringWorkers();
    const runner = createPoeRunner(create);
    await Promise.all([runner.run(request), runner.run(request)]);
    expect(made).toHaveLength(2);
    expect(made.map((w) => w.terminated).sort()).toEqual([0, 1]);
  });
});
