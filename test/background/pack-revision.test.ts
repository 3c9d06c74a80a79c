// @vitest-environment node
import { expect, it } from 'vitest';
import { createPackRevision } from '../../src/background/pack-revision';

it('drops the cached pack once per new revision, whichever of the storage change and the page tells first', () => {
  let dropped = 0;
  const revision = createPackRevision(() => dropped++);
  revision.observe(100); // first request after a start: the revision is new to this worker
  expect(dropped).toBe(1);
  revision.observe(100);
  expect(dropped).toBe(1);
  revision.observe(200); // the page asked right after an activation
  revision.observe(200); // the storage change arrives after it
  expect(dropped).toBe(2);
});
