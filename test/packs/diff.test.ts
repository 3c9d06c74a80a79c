// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { diffPacks, type PackChange } from '../../src/packs/diff';
import { loadPack, type RawPackFiles } from '../../src/rules/load';
import { formatProblem } from '../../src/rules/problems';
import type { Clock, RulePack, Status } from '../../src/rules/types';
import { testPack, testPackFiles } from '../fixtures/packs';

const base = testPack();

/** The built-in pack's files, copied, edited and loaded like an imported pack (so it is a valid pack). */
function packWith(edit: (files: RulePack) => void): RulePack {
  const files = testPackFiles() as unknown as RulePack;
  edit(files);
  const result = loadPack(files as unknown as RawPackFiles, { dir: 'test' });
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.pack;
}

const statusOf = (files: RulePack, id: string): Status => files.statuses.statuses.find((s) => s.id === id)!;
const clockOf = (files: RulePack, status: string, id: string, from?: string): Clock =>
  statusOf(files, status).clocks.find((c) => c.id === id && c.from === from)!;

/** The fields a reader checks, without before/after of whole items. */
const where = (c: PackChange) => ({
  file: c.file,
  pointer: c.pointer,
  change: c.change,
  category: c.category,
});

describe('diffPacks: what a rule pack would change', () => {
  it('finds nothing between the built-in pack and itself or a copy of it', () => {
    expect(diffPacks(base, base)).toEqual([]);
    expect(
      diffPacks(
        base,
        packWith(() => {}),
      ),
    ).toEqual([]);
  });

  it("reports a changed clock amount as one change at the leaf, named by the status's and clock's ids", () => {
    const to = packWith((f) => {
      clockOf(f, 'partner-action-required', 'respond-to-reviewer').amount = 3;
    });
    expect(diffPacks(base, to)).toEqual([
      {
        file: 'statuses',
        pointer: '/statuses/3/clocks/0/amount',
        path: ["status 'partner-action-required'", "clock 'respond-to-reviewer'", 'amount'],
        change: 'changed',
        before: 5,
        after: 3,
        category: 'rule',
      },
    ]);
    // And the other way round: the same place, the values swapped.
    expect(diffPacks(to, base)).toMatchObject([
      { pointer: '/statuses/3/clocks/0/amount', before: 3, after: 5 },
    ]);
  });

  it('reports an added status as one change holding the whole status', () => {
    const withdrawn = {
      id: 'withdrawn',
      label: { en: 'Withdrawn', nl: 'Ingetrokken' },
      meaning: { en: 'You withdrew the claim.', nl: 'U hebt de claim ingetrokken.' },
      transitions: [],
      clocks: [],
      source: { doc: 'A', quote: 'A status for the test.' },
    } satisfies Status;
    const to = packWith((f) => {
      f.statuses.statuses.push(structuredClone(withdrawn));
    });
    expect(diffPacks(base, to)).toEqual([
      {
        file: 'statuses',
        pointer: '/statuses/6',
        path: ["status 'withdrawn'"],
        change: 'added',
        after: withdrawn,
        category: 'rule',
      },
    ]);
  });

  it("reports a removed field at its place in the old pack's file, with the whole field as before", () => {
    const oldIndex = base.fields.fields.findIndex((f) => f.id === 'isvProductName');
    const to = packWith((f) => {
      f.fields.fields.splice(oldIndex, 1);
    });
    const changes = diffPacks(base, to);
    expect(changes).toEqual([
      {
        file: 'fields',
        pointer: `/fields/${oldIndex}`,
        path: ["field 'isvProductName'"],
        change: 'removed',
        before: base.fields.fields[oldIndex],
        category: 'rule',
      },
    ]);
    expect(changes[0]).not.toHaveProperty('after');
  });

  it('reports a removed property of a kept status at its old pointer', () => {
    const to = packWith((f) => {
      delete statusOf(f, 'partner-action-required').aliases;
    });
    expect(diffPacks(base, to)).toEqual([
      {
        file: 'statuses',
        pointer: '/statuses/3/aliases',
        path: ["status 'partner-action-required'", 'aliases'],
        change: 'removed',
        before: statusOf(base, 'partner-action-required').aliases,
        category: 'rule',
      },
    ]);
  });

  it('finds no change when only the order of fields, checks or message keys differs', () => {
    const to = packWith((f) => {
      // The first field stays first: pack.json's decisions point at /fields/0.
      const [first, ...rest] = f.fields.fields;
      f.fields.fields = [first!, ...rest.reverse()];
      for (const field of f.fields.fields) field.checks?.reverse();
      f.messages.messages = Object.fromEntries(Object.entries(f.messages.messages).reverse());
    });
    expect(to.fields.fields.map((x) => x.id)).not.toEqual(base.fields.fields.map((x) => x.id));
    expect(diffPacks(base, to)).toEqual([]);
  });

  it('reports a changed message text in nl as a text change under the message key', () => {
    const to = packWith((f) => {
      f.messages.messages['check.required']!.nl = '{field} moet ingevuld zijn.';
    });
    expect(diffPacks(base, to)).toEqual([
      {
        file: 'messages',
        pointer: '/messages/check.required/nl',
        path: ["message 'check.required'", 'nl'],
        change: 'changed',
        before: '{field} is verplicht.',
        after: '{field} moet ingevuld zijn.',
        category: 'text',
      },
    ]);
  });

  it("reports an added message whose key is also a property of every JS object ('constructor')", () => {
    const text = { en: 'Built by {name}.', nl: 'Gemaakt door {name}.' };
    const to = packWith((f) => {
      Object.assign(f.messages.messages, { constructor: { ...text } });
    });
    expect(diffPacks(base, to)).toEqual([
      {
        file: 'messages',
        pointer: '/messages/constructor',
        path: ["message 'constructor'"],
        change: 'added',
        after: text,
        category: 'text',
      },
    ]);
  });

  it('reports a new dated version of a clock as added, named with its from date', () => {
    const version = {
      ...structuredClone(clockOf(base, 'approved', 'customer-opt-out', '2023-01-01')),
      from: '2027-01-01',
    };
    const to = packWith((f) => {
      statusOf(f, 'approved').clocks.push(structuredClone(version));
    });
    expect(diffPacks(base, to)).toEqual([
      {
        file: 'statuses',
        pointer: '/statuses/4/clocks/3',
        path: ["status 'approved'", "clock 'customer-opt-out' from 2027-01-01"],
        change: 'added',
        after: version,
        category: 'rule',
      },
    ]);
  });

  it('reports a moved from date of one dated version as a change of its from, not a removal and an addition', () => {
    const to = packWith((f) => {
      clockOf(f, 'approved', 'customer-opt-out', '2021-09-01').from = '2021-10-01';
    });
    expect(diffPacks(base, to)).toEqual([
      {
        file: 'statuses',
        pointer: '/statuses/4/clocks/1/from',
        path: ["status 'approved'", "clock 'customer-opt-out' from 2021-10-01", 'from'],
        change: 'changed',
        before: '2021-09-01',
        after: '2021-10-01',
        category: 'rule',
      },
    ]);
  });

  it('compares a list of plain values (urlPatterns) as one value', () => {
    const patterns = base.locators.pages[0]!.urlPatterns;
    const to = packWith((f) => {
      f.locators.pages[0]!.urlPatterns = patterns.slice(0, -1) as typeof patterns;
    });
    expect(diffPacks(base, to)).toEqual([
      {
        file: 'locators',
        pointer: '/pages/0/urlPatterns',
        path: ["page 'associations-list'", 'urlPatterns'],
        change: 'changed',
        before: patterns,
        after: patterns.slice(0, -1),
        category: 'rule',
      },
    ]);
  });

  it('sorts rule values first, then texts, then sources; within each by file, then document order', () => {
    const to = packWith((f) => {
      f.pack.sources.M!.date = '2020-09-12';
      statusOf(f, 'editing').source.quote = 'Editing: the claim has been created.';
      statusOf(f, 'approved').label.nl = 'Akkoord';
      clockOf(f, 'partner-action-required', 'respond-to-reviewer').source.note = 'Read as business days.';
      const pattern = f.fields.fields[0]!.checks!.find((c) => c.id === 'partner-id-pattern')!;
      (pattern as { pattern: string }).pattern = '^[0-9]{6,8}$';
      clockOf(f, 'partner-action-required', 'respond-to-reviewer').amount = 4;
    });
    const changes = diffPacks(base, to);
    expect(changes.map(where)).toEqual([
      { file: 'statuses', pointer: '/statuses/3/clocks/0/amount', change: 'changed', category: 'rule' },
      { file: 'fields', pointer: '/fields/0/checks/1/pattern', change: 'changed', category: 'rule' },
      { file: 'statuses', pointer: '/statuses/4/label/nl', change: 'changed', category: 'text' },
      { file: 'pack', pointer: '/sources/M/date', change: 'changed', category: 'source' },
      { file: 'statuses', pointer: '/statuses/0/source/quote', change: 'changed', category: 'source' },
      { file: 'statuses', pointer: '/statuses/3/clocks/0/source/note', change: 'added', category: 'source' },
    ]);
    expect(changes.at(-1)).toMatchObject({
      path: ["status 'partner-action-required'", "clock 'respond-to-reviewer'", 'source', 'note'],
      after: 'Read as business days.',
    });
    expect(changes[3]!.path).toEqual(["source document 'M'", 'date']);
  });

  it('returns copies: editing a change does not edit the packs', () => {
    const index = base.fields.fields.findIndex((f) => f.id === 'isvProductName');
    const to = packWith((f) => {
      f.fields.fields.splice(index, 1);
    });
    const [removed] = diffPacks(base, to);
    (removed!.before as { id: string }).id = 'edited';
    expect(base.fields.fields[index]!.id).toBe('isvProductName');
  });
});
