/**
 * pdf.js 6 calls Promise.withResolvers, which Node 20 and Firefox before 121 lack
 * (in Node 20 it throws "Promise.withResolvers is not a function"); Chromium has it. Installs a standard-behaving one where it is missing.
 */
export function ensurePromiseWithResolvers(): void {
  if (typeof Promise.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: <T>() => {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
