/**
 * Bench (not a test): what crosses from the background to a dashboard page on each in-page
 * navigation. The page asks for the context (the active pack and its holiday table) with the
 * revision it holds (src/messaging/context-cache.ts); the background answers with the whole
 * context the first time and after it built another one, else with the revision only.
 *
 * Measured in Node, on the built-in pack and the default settings, through the real overlay
 * service (src/background/overlay-service.ts): the bytes of each answer as JSON (what Chrome's
 * runtime messaging serialises), and a Node-side round trip of it: the service's answer, then
 * JSON.stringify and JSON.parse, as the two ends of a message do. Not measured: the browser's own
 * IPC between the worker and the tab. Run alone: `npx tsx scripts/bench/context.ts`.
 */
import { createOverlayService } from '../../src/background/overlay-service';
import type { ContextResponse } from '../../src/messaging/protocol';
import { defaultPack } from '../../src/rules/default-pack';
import { defaultSettings } from '../../src/settings';

const RUNS = 201;
const WARMUP = 20;
const NAVIGATIONS = 20;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const start = performance.now();
    await fn();
    if (i >= WARMUP) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchContext(): Promise<void> {
  const service = createOverlayService({
    activePack: async () => ({ pack: defaultPack() }),
    builtinPack: defaultPack,
    settings: async (pack) => defaultSettings(pack),
    openStore: async () => {
      throw new Error('no store in this bench');
    },
  });
  const whole = await service.contextUnless(undefined);
  const unchanged = await service.contextUnless(whole.revision);
  if ('unchanged' in whole || !('unchanged' in unchanged))
    throw new Error('the service did not answer as expected');
  const wholeBytes = Buffer.byteLength(JSON.stringify(whole));
  const unchangedBytes = Buffer.byteLength(JSON.stringify(unchanged));
  const tableBytes = Buffer.byteLength(JSON.stringify((whole as ContextResponse).table));

  const roundTrip = (have: string | undefined) => async () =>
    JSON.parse(JSON.stringify(await service.contextUnless(have)));
  // Paired: both measured in this run, interleaved in halves so that a noisy moment hits both.
  const tWholeA = await time(roundTrip(undefined));
  const tSameA = await time(roundTrip(whole.revision));
  const tWholeB = await time(roundTrip(undefined));
  const tSameB = await time(roundTrip(whole.revision));
  const tWhole = Math.min(tWholeA, tWholeB);
  const tSame = Math.min(tSameA, tSameB);

  console.log(`context answer, built-in pack (JSON bytes, what a runtime message carries):`);
  console.log(`  whole (pack + holiday table): ${kb(wholeBytes)} (table ${kb(tableBytes)})`);
  console.log(
    `  unchanged (revision only):    ${unchangedBytes} B  (${(wholeBytes / unchangedBytes).toFixed(0)}x fewer)`,
  );
  console.log(
    `  ${NAVIGATIONS} navigations of one page, one pack: before ${kb(wholeBytes * NAVIGATIONS)}, now ${kb(wholeBytes + unchangedBytes * (NAVIGATIONS - 1))}`,
  );
  console.log(
    `Node-side round trip (service answer + JSON.stringify + JSON.parse, median of ${RUNS} after ${WARMUP}, better of two halves):`,
  );
  console.log(
    `  whole ${tWhole.toFixed(3)} ms, unchanged ${tSame.toFixed(3)} ms: ${(tWhole / tSame).toFixed(0)}x less time`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchContext();
