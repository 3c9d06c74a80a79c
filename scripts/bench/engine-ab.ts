/**
 * Paired A/B bench of the deadline engine (not a test): the engine of an earlier commit against
 * the one in the working tree, in one process, over the same 10,000 claims, alternating run by run
 * so that the machine's drift (other jobs on shared cores) falls on both alike. Prints the median
 * time of each and the median of the per-pair ratios (working tree / earlier).
 *
 *   npx tsx scripts/bench/engine-ab.ts <commit> [<other commit>]   e.g. HEAD~1, or a commit id
 *
 * Without a second commit, the working tree's engine is B. Two commits are both unpacked alike,
 * which removes the small bias of the working tree's copy (identical code measured 1.03-1.06).
 *
 * The earlier commit's src/ is unpacked with `git archive` under .cache/engine-ab (ignored by git).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ClockOptions, createDeadlineEngine } from '../../src/deadlines/engine';
import { buildHolidayTable } from '../../src/deadlines/holiday-table';
import type { ClaimTimeline } from '../../src/deadlines/types';
import { defaultPack } from '../../src/rules/default-pack';
import { benchClaims } from './deadlines';

const PAIRS = 61;
const WARMUP = 20;

type CreateEngine = typeof createDeadlineEngine;

async function engineAt(commit: string): Promise<CreateEngine> {
  const sha = execFileSync('git', ['rev-parse', commit], { encoding: 'utf8' }).trim();
  // Inside the project (.cache/ is ignored by git), so that tsx compiles it with the project's
  // tsconfig as it does the working tree: a copy elsewhere ran half as fast.
  const dir = join(process.cwd(), '.cache', 'engine-ab', sha);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${sha} src | tar -x -C ${dir}`]);
  const module = (await import(pathToFileURL(join(dir, 'src/deadlines/engine.ts')).href)) as {
    createDeadlineEngine: CreateEngine;
  };
  return module.createDeadlineEngine;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const commit = process.argv[2];
  const other = process.argv[3];
  if (!commit) throw new Error('usage: npx tsx scripts/bench/engine-ab.ts <commit> [<other commit>]');
  const pack = defaultPack();
  // The raw table: each engine compiles it with its own code.
  const table = buildHolidayTable(pack.calendars.calendars, { fromYear: 2019, toYear: 2028 });
  const earlier = (await engineAt(commit))(pack, table);
  const now = (other ? await engineAt(other) : createDeadlineEngine)(pack, table);
  // Epoch-ms claims, JSON-parsed, as the overlay receives them (see deadlines.ts).
  const claims = JSON.parse(
    JSON.stringify(
      benchClaims(10_000).map((c) => ({
        timeline: {
          history: c.timeline.history.map((h) => ({ ...h, at: Date.parse(String(h.at)) })),
          events: (c.timeline.events ?? []).map((e) => ({ ...e, at: Date.parse(String(e.at)) })),
        },
        now: Date.parse(c.now),
        options: { partnerCalendar: c.partnerCalendar },
      })),
    ),
  ) as { timeline: ClaimTimeline; now: number; options: ClockOptions }[];
  // CPU time of the process (user + system), as well as the wall clock: on a shared machine a run
  // can wait for a core, which the wall clock counts and the CPU time does not.
  const run = (engine: ReturnType<CreateEngine>) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let n = 0;
    for (const c of claims) n += engine.clocks(c.timeline, c.now, c.options).length;
    const cpu = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, clocks: n };
  };
  const a = run(earlier);
  const b = run(now);
  if (a.clocks !== b.clocks) throw new Error(`the engines disagree: ${a.clocks} clocks vs ${b.clocks}`);
  for (let i = 0; i < WARMUP; i++) {
    run(earlier);
    run(now);
  }
  const times = {
    earlier: [] as number[],
    now: [] as number[],
    ratio: [] as number[],
    cpuRatio: [] as number[],
  };
  for (let i = 0; i < PAIRS; i++) {
    // Alternate which goes first, so neither always runs on a warmer cache.
    let e: ReturnType<typeof run>;
    let n: ReturnType<typeof run>;
    if (i % 2 === 0) {
      e = run(earlier);
      n = run(now);
    } else {
      n = run(now);
      e = run(earlier);
    }
    times.earlier.push(e.ms);
    times.now.push(n.ms);
    times.ratio.push(n.ms / e.ms);
    times.cpuRatio.push(n.cpuMs / e.cpuMs);
  }
  console.log(
    `engine A/B, ${claims.length} claims, ${a.clocks} clocks, ${PAIRS} pairs after ${WARMUP}: ${commit} ${median(times.earlier).toFixed(2)} ms, ${other ?? 'working tree'} ${median(times.now).toFixed(2)} ms; median ratio ${median(times.ratio).toFixed(3)}, of CPU time ${median(times.cpuRatio).toFixed(3)} (${other ?? 'working tree'} / ${commit})`,
  );
}

await main();
