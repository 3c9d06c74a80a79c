/**
 * A dashboard tab's copy of the records the background answered for its claims list, so that a
 * new in-page navigation (a sort, another page of the list, back from a claim's own page) sends
 * only the rows that changed since this tab sent them (issue 14): at 1,000 rows every navigation
 * sent about 150 KB and had the background read every record again.
 *
 * A row is sent again when its sighting differs from the one sent (status, page date, link), or
 * when a local midnight passed since it was sent: the store then writes the record's lastSeen
 * (src/store/claim-store.ts mustWrite writes an unchanged record once per local day), and before
 * it writes nothing, so a row not sent leaves the store as sending it would have. The copy is
 * trusted only while the store's revision is the one it is from (SightingsResponse.current):
 * another tab's sightings, a claim page's History or a restored backup change the revision, and
 * then every row is sent again. Pure: the content script passes the message.
 */
import type { ErrorResponse, SightingsResponse } from '../messaging/protocol';
import type { ClaimRecord, Sighting } from '../store';
import { localMidnightBetween } from '../store/claim-record';

export type SendSightings = (
  sightings: Sighting[],
  now: number,
  have: string | undefined,
) => Promise<SightingsResponse | ErrorResponse>;

export interface SightingsCache {
  /**
   * The records of `sightings` (in their order; one left out only if the background answered none for it), as SightingsResponse gives them, sending only
   * what changed. With `verify`, the background is asked even when nothing changed, to learn
   * whether the copy is still current (a navigation's first reading); without it, a reading with
   * nothing changed sends nothing.
   */
  records(
    sightings: readonly Sighting[],
    now: number,
    options?: { verify?: boolean },
  ): Promise<SightingsResponse | ErrorResponse>;
}

interface Sent {
  /** The sighting as sent (sightingKey). */
  key: string;
  /** The `now` it was sent with. */
  at: number;
  record: ClaimRecord;
}

/** What makes two sightings of a claim the same to the store. */
function sightingKey(sighting: Sighting): string {
  return JSON.stringify([
    sighting.claimId,
    sighting.status,
    sighting.pageBound ?? null,
    sighting.url ?? null,
  ]);
}

export function createSightingsCache(send: SendSightings): SightingsCache {
  /** The store revision `sent` is from; undefined: none trusted (nothing sent yet, or not saved). */
  let revision: string | undefined;
  const sent = new Map<string, Sent>();

  /** Still as sent, and no local midnight since: sending it again would change nothing in the store. */
  const unchanged = (sighting: Sighting, now: number): boolean => {
    const entry = sent.get(sighting.claimId);
    return (
      entry !== undefined &&
      entry.key === sightingKey(sighting) &&
      now >= entry.at &&
      !localMidnightBetween(entry.at, now)
    );
  };

  function keep(sightings: readonly Sighting[], response: SightingsResponse, now: number): void {
    sightings.forEach((sighting, index) => {
      const record = response.records[index];
      if (record) sent.set(sighting.claimId, { key: sightingKey(sighting), at: now, record });
    });
  }

  function answer(
    sightings: readonly Sighting[],
    last: SightingsResponse,
    written: number,
  ): SightingsResponse {
    const records: ClaimRecord[] = [];
    for (const sighting of sightings) {
      const entry = sent.get(sighting.claimId);
      if (entry) records.push(entry.record);
    }
    return { ...last, records, written };
  }

  async function run(
    sightings: readonly Sighting[],
    now: number,
    verify: boolean,
  ): Promise<SightingsResponse | ErrorResponse> {
    const changed = revision === undefined ? [...sightings] : sightings.filter((s) => !unchanged(s, now));
    if (changed.length === 0 && !verify) return answer(sightings, { ok: true, records: [], saved: true }, 0);
    const first = await send(changed, now, revision);
    if (!first.ok) return first;
    if (!first.saved || first.revision === undefined) {
      // Estimates from the page alone: nothing to keep, and the next reading sends everything.
      revision = undefined;
      sent.clear();
      return changed.length === sightings.length ? first : send([...sightings], now, undefined);
    }
    if (first.current === true) {
      keep(changed, first, now);
      revision = first.revision;
      return answer(sightings, first, first.written ?? 0);
    }
    // The store changed in another way since this copy (another tab, a claim page, a restore): the
    // copy is dropped, and every row goes again. Records answered for every row of a request are
    // the store's at its revision, whatever happened before it.
    sent.clear();
    if (changed.length === sightings.length) {
      keep(changed, first, now);
      revision = first.revision;
      return first;
    }
    const all = await send([...sightings], now, first.revision);
    if (!all.ok || !all.saved || all.revision === undefined) {
      revision = undefined;
      return all;
    }
    keep(sightings, all, now);
    revision = all.revision;
    return { ...all, written: (first.written ?? 0) + (all.written ?? 0) };
  }

  // One reading at a time: a navigation's reading may still wait for its answer when the next starts.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    records(sightings, now, { verify = false } = {}) {
      const next = queue.then(() => run(sightings, now, verify));
      queue = next.catch(() => {});
      return next;
    },
  };
}
