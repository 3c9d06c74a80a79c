// @vitest-environment node
// The content script's copy of the context: the pack and table cross once per revision.
import { expect, it } from 'vitest';
import { createContextCache } from '../../src/messaging/context-cache';
import type { AnswerOf, ContextResponse } from '../../src/messaging/protocol';

const whole = (revision: string) =>
  ({ ok: true, revision, pack: {}, table: {} }) as unknown as ContextResponse;

/** A background holding `current`; records what each request said it had. */
function background(current: { revision: string }, answers: AnswerOf<'cpor/context'>[] = []) {
  const asked: (string | undefined)[] = [];
  const ask = async (have: string | undefined): Promise<AnswerOf<'cpor/context'>> => {
    asked.push(have);
    const next = answers.shift();
    if (next) return next;
    return have === current.revision
      ? { ok: true, revision: have, unchanged: true }
      : whole(current.revision);
  };
  return { ask, asked };
}

it('gets the whole context once and only its revision on later navigations', async () => {
  const bg = background({ revision: 'r1' });
  const context = createContextCache(bg.ask);
  const first = await context();
  expect(first).toMatchObject({ revision: 'r1', pack: {} });
  expect(await context()).toBe(first);
  expect(await context()).toBe(first);
  expect(bg.asked).toEqual([undefined, 'r1', 'r1']);
});

it('takes the new context when the background built another one', async () => {
  const current = { revision: 'r1' };
  const bg = background(current);
  const context = createContextCache(bg.ask);
  await context();
  current.revision = 'r2';
  expect(await context()).toMatchObject({ revision: 'r2', pack: {} });
  expect(await context()).toMatchObject({ revision: 'r2' });
  expect(bg.asked).toEqual([undefined, 'r1', 'r2']);
});

it('asks for the whole again when told "unchanged" about a revision it does not hold', async () => {
  const bg = background({ revision: 'r3' }, [{ ok: true, revision: 'r9', unchanged: true }]);
  const context = createContextCache(bg.ask);
  expect(await context()).toMatchObject({ revision: 'r3', pack: {} });
  expect(bg.asked).toEqual([undefined, undefined]);
});

it('passes an error on and keeps what it held', async () => {
  const bg = background({ revision: 'r1' });
  const context = createContextCache(bg.ask);
  const first = await context();
  const failing = createContextCache(async () => ({ ok: false, error: 'gone' }));
  expect(await failing()).toEqual({ ok: false, error: 'gone' });
  expect(await context()).toBe(first);
});
