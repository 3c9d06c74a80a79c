// @vitest-environment node
import { expect, it } from 'vitest';
import { retryingLazy } from '../../src/platform/retrying-lazy';

it('makes the value once for every caller, and again after forget()', async () => {
  let made = 0;
  const lazy = retryingLazy(async () => ++made);
  expect(await Promise.all([lazy.get(), lazy.get()])).toEqual([1, 1]);
  expect(await lazy.get()).toBe(1);
  lazy.forget();
  expect(await lazy.get()).toBe(2);
});

it('forgets a failed attempt, thrown or rejected, so the next get() tries again', async () => {
  let attempts = 0;
  const lazy = retryingLazy(() => {
    attempts++;
    if (attempts === 1) throw new Error('blocked');
    if (attempts === 2) return Promise.reject(new Error('still blocked'));
    return 'open';
  });
  await expect(lazy.get()).rejects.toThrow('blocked');
  await expect(lazy.get()).rejects.toThrow('still blocked');
  expect(await lazy.get()).toBe('open');
  expect(await lazy.get()).toBe('open');
  expect(attempts).toBe(3);
});

it('keeps a newer attempt when an older one, forgotten, fails late', async () => {
  let fail: (e: Error) => void = () => {};
  let attempts = 0;
  const lazy = retryingLazy(() => {
    attempts++;
    return attempts === 1 ? new Promise<string>((_, reject) => (fail = reject)) : Promise.resolve('second');
  });
  const first = lazy.get();
  await Promise.resolve();
  lazy.forget();
  expect(await lazy.get()).toBe('second');
  fail(new Error('late'));
  await expect(first).rejects.toThrow('late');
  expect(await lazy.get()).toBe('second');
  expect(attempts).toBe(2);
});
