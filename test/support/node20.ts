import { ensurePromiseWithResolvers } from '../../src/platform/promise-with-resolvers';

/**
 * Node 20 lacks two functions our tools call: vitest 5's reporter calls Map.groupBy (without it a
 * failing test prints "Map.groupBy is not a function" instead of its assertion), and pdfjs-dist 6
 * calls Promise.withResolvers ("Promise.withResolvers is not a function" otherwise). Chromium has both; this fills them in for Node 20
 * only, in the test runner's main process (global setup) and in its workers (setup file).
 */
export function installNode20Polyfills(): void {
  if (typeof Map.groupBy !== 'function') {
    Object.defineProperty(Map, 'groupBy', {
      configurable: true,
      writable: true,
      value: <K, T>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]> => {
        const groups = new Map<K, T[]>();
        let index = 0;
        for (const item of items) {
          const key = keyOf(item, index++);
          const group = groups.get(key);
          if (group) group.push(item);
          else groups.set(key, [item]);
        }
        return groups;
      },
    });
  }
  ensurePromiseWithResolvers();
}
