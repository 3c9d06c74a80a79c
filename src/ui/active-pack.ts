/**
 * The active rule pack for an extension page (popup, check page): read from the extension's
 * IndexedDB by src/packs, which falls back to the built-in pack when the stored one no longer
 * loads. One repository per page, closed after the read: pages are short-lived.
 */
import { openPackRepository } from '../packs';
import type { RulePack } from '../rules/types';

export async function activeRulePack(): Promise<RulePack> {
  const repository = await openPackRepository();
  try {
    return (await repository.active()).pack;
  } finally {
    repository.close();
  }
}
