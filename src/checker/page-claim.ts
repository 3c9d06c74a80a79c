/**
 * The claim the page shows, as the checks read it, and its field findings: the pure part of the
 * in-page check. The content script reads raw texts next to their labels (src/page/read-form.ts)
 * and sends them to the checker frame (entrypoints/checker), which calls this; so the pattern
 * engine and the field checks run in the extension's own context, never in the host page.
 *
 * cpor-guard judges only what the page showed: a field the page never showed in this flow (the
 * 2023 creation flow asks no customer domain) is not reported missing, since the page may simply
 * not ask it; a field it showed and left empty is.
 */
import { isoDateIn } from '../rules/dated';
import { isEditable } from '../rules/lifecycle';
import { compilePackPattern, type PackPattern } from '../rules/patterns';
import type { Field, RulePack } from '../rules/types';
import { foldText } from '../text/fold';
import type { ClaimValues, FieldValue } from '../validation/claim';
import { checkFields } from '../validation/fields';
import type { Finding } from '../validation/finding';

/** One field as the page showed it (src/page/read-form.ts PageInput without its elements). */
export interface ShownValue {
  field: string;
  /** The locators.json input that found it (its valuePattern applies). */
  locator: number;
  raw: string | readonly string[];
}

export interface PageClaimContext {
  /** The claim's status id (the draft status in the creation flow). */
  status: string;
  at: Date;
  /** The values first seen on this claim; with them a change to a locked field is a finding. */
  original?: ClaimValues;
}

export interface PageClaimCheck {
  claim: ClaimValues;
  /** Field findings about the fields shown (and checks between them). */
  findings: Finding[];
  /** Texts the page showed for a choice that match no option of the field (label or alias). */
  unknownOptions: { field: string; text: string }[];
}

interface Index {
  fields: Map<string, Field>;
  /** Per field: folded option label or alias (any language) → option id. */
  options: Map<string, Map<string, string>>;
  patterns: (PackPattern | null)[];
}

const indexes = new WeakMap<RulePack, Index>();

function indexOf(pack: RulePack): Index {
  let index = indexes.get(pack);
  if (index) return index;
  const fields = new Map(pack.fields.fields.map((f) => [f.id, f]));
  const options = new Map<string, Map<string, string>>();
  for (const field of pack.fields.fields) {
    if (!field.options) continue;
    const byText = new Map<string, string>();
    for (const option of field.options) {
      byText.set(foldText(option.id), option.id);
      for (const label of Object.values(option.label)) byText.set(foldText(label), option.id);
      for (const alias of aliasesOf(option.aliases)) byText.set(foldText(alias), option.id);
    }
    options.set(field.id, byText);
  }
  const patterns = (pack.locators.inputs ?? []).map((input) => {
    if (input.valuePattern === undefined) return null;
    const compiled = compilePackPattern(input.valuePattern);
    return compiled.ok ? compiled.pattern : null;
  });
  index = { fields, options, patterns };
  indexes.set(pack, index);
  return index;
}

/** An option's aliases: a list, or lists per language. */
function aliasesOf(aliases: unknown): string[] {
  if (Array.isArray(aliases)) return aliases.filter((a): a is string => typeof a === 'string');
  if (aliases && typeof aliases === 'object')
    return Object.values(aliases).flatMap((list) =>
      Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [],
    );
  return [];
}

/** The claim values of what the page shows; an empty answer is left out, as on the check page. */
export function claimFromPage(
  pack: RulePack,
  shown: readonly ShownValue[],
): { claim: ClaimValues; unknownOptions: PageClaimCheck['unknownOptions'] } {
  const index = indexOf(pack);
  const claim: Record<string, FieldValue> = {};
  const unknownOptions: PageClaimCheck['unknownOptions'] = [];
  for (const { field: id, locator, raw } of shown) {
    const field = index.fields.get(id);
    if (!field) continue;
    const pattern = index.patterns[locator] ?? null;
    const texts = (typeof raw === 'string' ? [raw] : [...raw])
      .map((text) => (pattern ? (pattern.extract(text) ?? text) : text).trim())
      .filter((text) => text !== '');
    if (texts.length === 0) continue;
    if (field.kind === 'choice' || field.kind === 'choices') {
      const byText = index.options.get(id);
      // A read-only page may show several choices as one text: 'Power BI, Power Apps'.
      const parts = field.kind === 'choices' && texts.length === 1 ? texts[0]!.split(/\s*[,;]\s*/) : texts;
      const ids: string[] = [];
      for (const text of parts) {
        const option = byText?.get(foldText(text));
        if (option) ids.push(option);
        else unknownOptions.push({ field: id, text });
      }
      if (ids.length === 0) continue;
      claim[id] = field.kind === 'choice' ? ids[0]! : [...new Set(ids)];
    } else if (field.kind === 'files') {
      claim[id] = texts;
    } else if (field.kind === 'number') {
      const n = Number(texts[0]);
      claim[id] = Number.isFinite(n) ? n : texts[0]!;
    } else {
      claim[id] = texts.join(', ');
    }
  }
  return { claim, unknownOptions };
}

/**
 * The field check of what the page showed. `seen` is every field the page has shown in this flow
 * (also those of earlier steps, no longer on the page); findings about other fields are left out.
 */
export function checkPageClaim(
  pack: RulePack,
  shown: readonly ShownValue[],
  context: PageClaimContext,
  seen: ReadonlySet<string> = new Set(shown.map((s) => s.field)),
): PageClaimCheck {
  const { claim, unknownOptions } = claimFromPage(pack, shown);
  const findings = checkFields(claim, pack, context).filter(
    (finding) => !('field' in finding.concerns) || seen.has(finding.concerns.field),
  );
  return { claim, findings, unknownOptions };
}

/** The fields that may not change in `status` on the day of `at` (Microsoft's time zone), none in a draft. */
export function lockedFields(pack: RulePack, status: string, at: Date): string[] {
  const timeZone = pack.calendars.calendars.find((c) => c.id === 'microsoft')?.timeZone ?? 'UTC';
  const day = isoDateIn(at, timeZone);
  return pack.fields.fields.filter((f) => !isEditable(pack, f, status, day)).map((f) => f.id);
}
