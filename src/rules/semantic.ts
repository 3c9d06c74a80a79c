import type { Problem } from './problems';
import type { RulePack } from './types';

export function semanticProblems(_pack: RulePack, _dir: string): Problem[] {
  return [];
}
