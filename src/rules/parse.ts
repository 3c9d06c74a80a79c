/**
 * One rule file from outside, from its bytes or text to its JSON value, in bounded time: UTF-8
 * checked (a wrong byte is a problem, not a silent '�'), size and nesting depth checked before
 * JSON.parse, the value's bounds checked after. Every reader of pack files (rules:check, the
 * options page's chosen files and zips, a policy push) can go through here.
 */
import { invalidUtf8Offset, textBoundsProblem, valueBoundsProblem } from './bounds';
import { type Problem, problemFromJsonSyntax } from './problems';

export type ParsedRuleFile = { ok: true; data: unknown } | { ok: false; problem: Problem };

/**
 * The text of a file's bytes, or the problem that they are not UTF-8 (with the byte's offset).
 * A byte-order mark at the start is dropped, as editors on Windows write one.
 */
export function decodeRuleFile(
  file: string,
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: Problem } {
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) {
    const hex = [...bytes.subarray(bad, bad + 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    return {
      ok: false,
      problem: {
        file,
        pointer: '',
        message: `is not UTF-8 text: the bytes at offset ${bad} (${hex}) are not valid UTF-8; save the file as UTF-8 in your editor`,
        level: 'error',
      },
    };
  }
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
}

/** A rule file's JSON, or the one problem that stops it being read. Never throws. */
export function parseRuleFile(file: string, input: string | Uint8Array): ParsedRuleFile {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeRuleFile(file, input);
    if (!decoded.ok) return decoded;
    text = decoded.text;
  }
  const bounds = textBoundsProblem(file, text);
  if (bounds) return { ok: false, problem: bounds };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: problemFromJsonSyntax(file, text, error) };
  }
  const valueProblem = valueBoundsProblem(file, data);
  if (valueProblem) return { ok: false, problem: valueProblem };
  return { ok: true, data };
}
