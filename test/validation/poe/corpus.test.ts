// @vitest-environment node
// pdf.js takes happy-dom's window for a browser; the PoE check runs in Node here, as in its worker.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPoeCorpus } from '../../../scripts/make-poe-corpus';
import { type CorpusScore, missedGoals, RECALL_GOAL, scoreCorpus } from '../../../scripts/poe-score';

/**
 * The goals of issue 12 on the labelled corpus (test/fixtures/poe-corpus, labels written with the
 * documents, before the check ran on them): `npm run poe:score` prints the table.
 */
describe('the PoE check on the labelled corpus', () => {
  let score: CorpusScore;
  const scored = async () => {
    score ??= await scoreCorpus();
    return score;
  };

  it('is the corpus scripts/make-poe-corpus.ts writes, with at least 60 documents', async () => {
    const { files, labels } = buildPoeCorpus();
    expect(files.size).toBeGreaterThanOrEqual(60);
    expect(labels.map((l) => l.file).sort()).toEqual([...files.keys()].sort());
    expect((await scored()).documents).toBe(files.size);
  });

  it('is committed as the script writes it (run npm run poe:corpus after changing a document)', () => {
    const dir = fileURLToPath(new URL('../../fixtures/poe-corpus/', import.meta.url));
    const { files } = buildPoeCorpus();
    const stale = [...files].filter(
      ([name, bytes]) => !Buffer.from(bytes).equals(readFileSync(join(dir, name))),
    );
    expect(stale.map(([name]) => name)).toEqual([]);
    const committed = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { documents: unknown[] };
    expect(committed.documents).toEqual(buildPoeCorpus().labels);
    expect(
      readdirSync(dir)
        .filter((f) => f !== 'labels.json')
        .sort(),
    ).toEqual([...files.keys()].sort());
  });

  it('blocks no good document', async () => {
    expect((await scored()).falseBlocks).toEqual([]);
  });

  it(`finds each blocking reason in at least ${RECALL_GOAL * 100}% of the documents that have it`, async () => {
    const s = await scored();
    const positives = s.checks.filter((c) => c.tp + c.misses > 0);
    // Every content check the partner can fail is in the corpus at least twice.
    expect(positives.map((c) => c.check)).toEqual(
      expect.arrayContaining([
        'poe-names-customer',
        'poe-identity-matches',
        'poe-customer-name-matches',
        'poe-customer-signature',
        'poe-dated-recently',
        'poe-describes-work',
        'poe-names-products',
      ]),
    );
    for (const c of positives)
      expect(c.recall, `${c.check} missed in ${c.missFiles.join(', ')}`).toBeGreaterThanOrEqual(RECALL_GOAL);
  });

  it('says "check by hand" for every document it cannot read', async () => {
    expect((await scored()).handCheckMissed).toEqual([]);
  });

  it('meets every goal', async () => {
    expect(missedGoals(await scored())).toEqual([]);
  });
});
