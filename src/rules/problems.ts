/**
 * Problems in rule files, written for a policy owner: which file, where in it (a JSON pointer),
 * what is wrong and how to fix it. One formatter serves `npm run rules:check` and the options
 * page, so both say the same thing.
 */

import type { ErrorObject } from 'ajv';
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import { errorMessage } from '../platform/error-message';
import { lineAndColumn, textBoundsProblem } from './bounds';
import type { Problem } from './problem';

export type { Problem };

/**
 * One problem on one line: `file:line:column: where in words (pointer): what; the fix`, e.g.
 * "rules/cpor/statuses.json:120:19: status 'approved' › clock 'customer-opt-out' › unit
 * (/statuses/4/clocks/0/unit): 'days' is not a valid unit; …". A problem whose place is not
 * worked out (or is the whole file) keeps the older `file pointer: message`.
 */
export const formatProblem = (p: Problem) => {
  const warning = p.level === 'warning' ? ' (warning)' : '';
  if (!p.path) return `${p.file} ${p.pointer || '/'}: ${p.message}${warning}`;
  const at = p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : '';
  return `${p.file}${at}: ${p.path} (${p.pointer}): ${p.message}${warning}`;
};

/** Most characters of a value quoted in a message; a 1 MB label must not make a 1 MB message. */
const QUOTE_MAX = 80;
/** Most values listed in a message ("use 'a', 'b' … or one of 37 more"). */
export const LIST_MAX = 8;

const cut = (text: string) => (text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text);

/**
 * A value as a message shows it: a text in quotes, a number as written, a list or object as
 * short JSON. Never recursive on the value itself: a list or object is written out only when it is
 * small and shallow (checked with a loop), else named by its size.
 */
export function quote(v: unknown): string {
  if (typeof v === 'string') return `'${cut(v)}'`;
  if (v === null || typeof v !== 'object') return String(v);
  if (isSmall(v)) return cut(JSON.stringify(v));
  return Array.isArray(v)
    ? `a list of ${v.length} item(s)`
    : `an object of ${Object.keys(v).length} propert(ies)`;
}

/** True when a value has at most 20 parts, nested at most 3 deep: cheap and safe to JSON.stringify. */
function isSmall(v: object): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  let parts = 0;
  while (stack.length > 0) {
    const [x, depth] = stack.pop()!;
    if (++parts > 20 || depth > 3) return false;
    if (x !== null && typeof x === 'object') for (const y of Object.values(x)) stack.push([y, depth + 1]);
  }
  return true;
}

/** "'a', 'b' or 'c'"; past LIST_MAX values, the first ones and how many more. */
export function listOf(values: readonly unknown[], joiner = 'or'): string {
  const quoted = values.slice(0, LIST_MAX).map(quote);
  if (values.length > LIST_MAX) return `${quoted.join(', ')} ${joiner} ${values.length - LIST_MAX} more`;
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${joiner} ${quoted.at(-1)}`;
}

interface SchemaLike {
  title?: string;
  description?: string;
  properties?: Record<string, SchemaLike>;
}

/** The thing an error is about: the schema's title, else the last name in the pointer. */
function nounOf(error: ErrorObject, pointer: string): string {
  const title = (error.parentSchema as SchemaLike | undefined)?.title;
  if (title) return title;
  const named = pointer
    .split('/')
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .at(-1);
  return named ?? 'value';
}

function describe(error: ErrorObject): string {
  return (error.parentSchema as SchemaLike | undefined)?.description ?? '';
}

/**
 * The property schemas known at each place of the data, gathered from every error there: a
 * `required` inside an if/then names a property whose description sits on the enclosing schema.
 */
type PropertiesAt = Map<string, Record<string, SchemaLike>>;

/** One ajv error in a policy owner's words, or undefined when another error already says it. */
function fromAjvError(file: string, error: ErrorObject, propertiesAt: PropertiesAt): Problem | undefined {
  const at = error.instancePath;
  const data = error.data;
  const p = error.params as Record<string, unknown>;
  const problem = (pointer: string, message: string): Problem => ({ file, pointer, message, level: 'error' });
  switch (error.keyword) {
    case 'if':
    case 'then':
    case 'else':
      // The keywords inside the branch report what is actually wrong.
      return undefined;
    case 'enum':
      return problem(
        at,
        `${quote(data)} is not a valid ${nounOf(error, at)}; use ${listOf(p.allowedValues as unknown[])}`,
      );
    case 'const':
      return problem(at, `${quote(data)} is not allowed here; use ${quote(p.allowedValue)} or leave it out`);
    case 'required': {
      const missing = String(p.missingProperty);
      const what =
        (error.parentSchema as SchemaLike | undefined)?.properties?.[missing]?.description ??
        propertiesAt.get(at)?.[missing]?.description;
      return problem(`${at}/${missing}`, `'${missing}' is missing; add it${what ? ` (${what})` : ''}`);
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const known = Object.keys((error.parentSchema as SchemaLike | undefined)?.properties ?? {}).filter(
        (k) => k !== '$schema',
      );
      return problem(
        `${at}/${extra}`,
        `${quote(extra)} is not a known property here; remove it or correct its spelling${known.length ? ` (known: ${listOf(known, 'and')})` : ''}`,
      );
    }
    case 'type':
      return problem(at, `${nounOf(error, at)} must be ${listOf([p.type].flat())}, not ${quote(data)}`);
    case 'pattern': {
      const isKey = typeof p.propertyName === 'string';
      const shown = isKey ? p.propertyName : data;
      return problem(
        at,
        `${quote(shown)} is not a valid ${nounOf(error, at)}${describe(error) ? `; expected: ${describe(error)}` : ''}`,
      );
    }
    case 'propertyNames':
      // Reported by the inner 'pattern' error with the offending key.
      return undefined;
    case 'minItems':
      return problem(at, `${nounOf(error, at)} needs at least ${p.limit} item(s); add them`);
    case 'maxItems':
      return problem(at, `${nounOf(error, at)} allows at most ${p.limit} item(s); remove some`);
    case 'minLength':
      return problem(at, `${nounOf(error, at)} must not be empty`);
    case 'maxLength':
      return problem(
        at,
        `${nounOf(error, at)} is ${typeof data === 'string' ? data.length : '?'} characters long, more than the ${p.limit} allowed; shorten it`,
      );
    case 'minimum':
    case 'maximum':
      return problem(
        at,
        `${quote(data)} is out of range for ${nounOf(error, at)}; it must be ${p.comparison} ${p.limit}`,
      );
    case 'uniqueItems':
      return problem(
        at,
        `${nounOf(error, at)} lists the same value twice (items ${p.j} and ${p.i}); remove one`,
      );
    case 'minProperties':
      return problem(at, `${nounOf(error, at)} must not be empty`);
    case 'not':
    case 'anyOf':
    case 'oneOf':
      return problem(
        at,
        `${nounOf(error, at)} has a form that is not allowed here${describe(error) ? `: ${describe(error)}` : ''}`,
      );
    default:
      return problem(at, `${nounOf(error, at)}: ${error.message ?? 'is not valid'}`);
  }
}

export function problemsFromAjv(file: string, errors: readonly ErrorObject[] | null | undefined): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  // An anyOf reports its branches' errors too; keep only the anyOf's own message.
  const anyOfAt = new Set(errors?.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const propertiesAt: PropertiesAt = new Map();
  for (const error of errors ?? []) {
    const properties = (error.parentSchema as SchemaLike | undefined)?.properties;
    if (properties)
      propertiesAt.set(error.instancePath, { ...propertiesAt.get(error.instancePath), ...properties });
  }
  for (const error of errors ?? []) {
    if (error.keyword !== 'anyOf' && anyOfAt.has(error.instancePath)) continue;
    const problem = fromAjvError(file, error, propertiesAt);
    if (!problem) continue;
    const key = `${problem.pointer}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  return out;
}

/**
 * Invalid JSON: where and what. JSON.parse's message differs by engine (Node names a position,
 * Chromium does not), so jsonc-parser, in strict mode, locates the first error everywhere.
 */
export function problemFromJsonSyntax(file: string, text: string, error: unknown): Problem {
  // jsonc-parser recurses into nested brackets: a text that nests too deep is reported as that.
  const bounds = textBoundsProblem(file, text);
  if (bounds) return bounds;
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  let where = '';
  let what = errorMessage(error);
  if (first) {
    const { line, column } = lineAndColumn(text, first.offset);
    where = ` at line ${line}, column ${column}`;
    what = JSON_ERROR_WORDS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error);
  }
  return {
    file,
    pointer: '',
    message: `is not valid JSON${where}: ${what}; fix the syntax (a missing comma, quote or bracket, or a comma before a closing bracket)`,
    level: 'error',
  };
}

const JSON_ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'a character that does not belong here',
  InvalidNumberFormat: 'a number written wrongly',
  PropertyNameExpected: 'a property name (in double quotes) was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "a ':' was expected",
  CommaExpected: "a ',' was expected",
  CloseBraceExpected: "a '}' was expected",
  CloseBracketExpected: "a ']' was expected",
  EndOfFileExpected: 'text after the end of the JSON',
  InvalidCommentToken: 'comments are not allowed in rule files',
  UnexpectedEndOfComment: 'comments are not allowed in rule files',
  UnexpectedEndOfString: 'a text (string) is not closed with a double quote',
  UnexpectedEndOfNumber: 'a number ends too early',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape after a backslash',
  InvalidCharacter: 'a character that must be escaped inside a text',
};
