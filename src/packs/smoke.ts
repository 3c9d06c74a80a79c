/**
 * A smoke test of a rule pack that loadPack accepted: does it also work? The schema and the load
 * checks judge the files; this runs what the product runs with them (every status's clocks in the
 * deadline engine, the badge texts in every locale, the field checks on sample claims) over
 * synthetic claims, within a time budget. A pack that fails here is not activated, and a stored
 * active pack that fails is replaced by the last good one (repository.ts), so that a pack can never
 * blank the overlay silently.
 */
import { createDeadlineEngine } from '../deadlines/engine';
import { buildHolidayTable, defaultHolidayRange } from '../deadlines/holiday-table';
import type { ClaimTimeline, HolidayTable } from '../deadlines/types';
import { claimBadge } from '../overlay/badges';
import { errorMessage } from '../platform/error-message';
import type { Problem } from '../rules/problems';
import type { RulePack } from '../rules/types';
import type { ClaimValues } from '../validation/claim';
import { checkFields } from '../validation/fields';

export interface SmokeTestOptions {
  /** The instant the synthetic claims are counted at. */
  now: number;
  /** The pack's holiday table (buildHolidayTable over its calendars), as the background builds it. */
  table: HolidayTable;
  /** The most the whole test may take, in ms; slower is a problem (the partner's pages would wait as long). */
  budgetMs?: number;
  /** The clock the budget is measured with (tests pass a fake). */
  clock?: () => number;
}

/**
 * Generous: the test runs on the partner's machine, perhaps a slow or busy one (the test pack,
 * holiday table included, took 0.39 s in `npx vitest run test/packs/smoke.test.ts` here, with
 * the machine shared); what it guards against, a pack that takes minutes, is far beyond it.
 */
export const SMOKE_BUDGET_MS = 10_000;
const DAY_MS = 86_400_000;
/** When the synthetic claims entered their status: long ago, weeks, days and an hour before now. */
const ENTERED_AGO_MS = [400 * DAY_MS, 20 * DAY_MS, 2 * DAY_MS, 3_600_000];
/** The longest value the sample claims put in every field (a page's input may hold as much). */
const LONG_VALUE = 'a'.repeat(10_000);
const FILE = 'smoke test';

/** Every problem found by running the pack; empty when it works. Never throws. */
export function smokeTestPack(pack: RulePack, options: SmokeTestOptions): Problem[] {
  const clock = options.clock ?? (() => performance.now());
  const budgetMs = options.budgetMs ?? SMOKE_BUDGET_MS;
  const began = clock();
  const problems: Problem[] = [];
  const fail = (pointer: string, what: string, error: unknown) =>
    problems.push({
      file: FILE,
      pointer,
      message: `${what} failed when run: ${errorMessage(error)}; the pack loads but cannot be used, correct it and import it again`,
      level: 'error',
    });

  let engine: ReturnType<typeof createDeadlineEngine> | undefined;
  try {
    engine = createDeadlineEngine(pack, options.table);
  } catch (error) {
    fail('', 'setting up the deadline engine', error);
  }
  if (engine) {
    const events = pack.statuses.events.map((e) => e.id);
    for (const status of pack.statuses.statuses) {
      for (const ago of ENTERED_AGO_MS) {
        const at = options.now - ago;
        const timelines: ClaimTimeline[] = [
          { history: [{ status: status.id, at }] },
          { history: [{ status: status.id, at, estimated: true }] },
          {
            history: [{ status: status.id, at }],
            events: events.map((event) => ({ event, at: at + 60_000 })),
          },
        ];
        try {
          for (const timeline of timelines) {
            const clocks = engine.clocks(timeline, options.now);
            for (const locale of pack.pack.locales) claimBadge('smoke', clocks, pack, locale);
          }
        } catch (error) {
          fail(
            `/statuses/[${status.id}]`,
            `counting the deadlines of a claim in status '${status.id}'`,
            error,
          );
          break;
        }
      }
    }
  }

  const sampleClaims: ClaimValues[] = [
    {},
    Object.fromEntries(pack.fields.fields.map((f) => [f.id, LONG_VALUE])),
    Object.fromEntries(pack.fields.fields.map((f) => [f.id, ['a', LONG_VALUE]])),
  ];
  const at = new Date(options.now);
  for (const status of pack.statuses.statuses) {
    try {
      for (const claim of sampleClaims)
        checkFields(claim, pack, { status: status.id, at, original: sampleClaims[0] });
    } catch (error) {
      fail(`/statuses/[${status.id}]`, `checking the fields of a claim in status '${status.id}'`, error);
      break;
    }
  }

  const took = clock() - began;
  if (took > budgetMs)
    problems.push({
      file: FILE,
      pointer: '',
      message: `running the pack took ${Math.round(took)} ms (at most ${budgetMs} ms): a pattern or a clock is too slow; simplify it and import the pack again`,
      level: 'error',
    });
  return problems;
}

/**
 * The smoke test as the pack repository takes it (OpenPackRepositoryOptions.smokeTest), over a
 * holiday table of the pack's own calendars from this year on. It needs date-holidays: for the
 * background and the options page, never the content script.
 */
export function smokeTestNow(pack: RulePack): Problem[] {
  const now = Date.now();
  let table: HolidayTable;
  try {
    table = buildHolidayTable(pack.calendars.calendars, defaultHolidayRange(new Date(now)));
  } catch (error) {
    return [
      {
        file: FILE,
        pointer: '/calendars',
        message: `building the pack's holiday table failed when run: ${errorMessage(error)}; correct its calendars and import it again`,
        level: 'error',
      },
    ];
  }
  return smokeTestPack(pack, { now, table });
}
