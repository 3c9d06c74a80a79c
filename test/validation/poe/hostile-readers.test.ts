// @vitest-environment node
// The PoE readers on hostile input, one behaviour at a time (the whole hostile set is in
// hostile.test.ts): streaming parsers that a deadline stops, and text that does not decode
// thrown as "could not read", never returned as text to judge.
import { describe, expect, it } from 'vitest';
import { Deadline, FileProblemError, TimeLimitError } from '../../../src/files/problems';
import { WordXmlError, wordXmlToText } from '../../../src/validation/poe/extract/docx';
import {
  declaredHtmlCharset,
  decodeText,
  extractMime,
  htmlToText,
} from '../../../src/validation/poe/extract/markup';

const passed = () => new Deadline(-1);
const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf16le = (s: string) => new Uint8Array(Uint16Array.from(s, (c) => c.charCodeAt(0)).buffer);

describe('HTML through the tokenizer', () => {
  it('keeps the title of a head that a body closes, and drops the rest of that head', () => {
    expect(htmlToText('<head><title>SoW</title><meta name="x"><link>hidden?<body><p>Signed</p>')).toBe(
      'SoW\nSigned',
    );
  });

  it('drops everything after a <script> never closed, and what a <template> or <noscript> holds', () => {
    expect(
      htmlToText(
        '<p>Signed by</p><template><p>not shown</p></template><noscript>no</noscript>x<script>signed = true;',
      ),
    ).toBe('Signed by\nx');
  });

  it('reads text after a million unclosed elements', () => {
    expect(htmlToText(`${'<div>'.repeat(1_000_000)}Signed`)).toBe('Signed');
  });

  it('stops at a deadline that has passed, with the time limit error', () => {
    expect(() => htmlToText('<p>Signed</p>', passed())).toThrow(TimeLimitError);
  });

  it('looks at the deadline between the passes after the tokenizer too (each takes long on a 20 MB page)', () => {
    // A page of one chunk: the loop's look, the one after the tokenizer, then one after joining.
    let looks = 0;
    const deadline = {
      check() {
        looks++;
        if (looks === 3) throw new TimeLimitError(300);
      },
    } as unknown as Deadline;
    expect(() => htmlToText('<p>Signed</p>', deadline)).toThrow(TimeLimitError);
  });
});

describe('Word XML through saxes', () => {
  it('does not take the tab stops of a paragraph (w:tabs) for tabs in its text', () => {
    const xml =
      '<w:body><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Signed</w:t><w:tab/><w:t>by</w:t><w:br/><w:t>me</w:t></w:r></w:p></w:body>';
    expect(wordXmlToText(xml)).toBe('Signed\tby\nme\n');
  });

  it('refuses XML that is not well-formed, and an entity it would have to expand', () => {
    expect(() => wordXmlToText('<w:body><w:p><w:t>open')).toThrow(WordXmlError);
    expect(() =>
      wordXmlToText('<!DOCTYPE w:body [<!ENTITY a "aaaa">]><w:body><w:p><w:t>&a;</w:t></w:p></w:body>'),
    ).toThrow(WordXmlError);
  });

  it('stops at a deadline that has passed, with the time limit error', () => {
    expect(() => wordXmlToText('<w:body/>', passed())).toThrow(TimeLimitError);
  });
});

describe('decoding text', () => {
  it('reads UTF-16 without a byte-order mark when the label says so and the bytes are UTF-16', () => {
    expect(decodeText(utf16le('Signed by the customer'), 'utf-16')).toBe('Signed by the customer');
  });

  it('reads ASCII under a label TextDecoder does not know, and Windows-1252 when no label is given', () => {
    expect(decodeText(bytes('Signed'), 'x-klingon')).toBe('Signed');
    expect(decodeText(bytes('Sign\u00e9'))).toBe('Signé');
  });

  it.each([
    ['a UTF-16 label on ASCII bytes', bytes('Signed by the customer'), 'utf-16'],
    ['an unknown label on bytes that are not UTF-8', bytes('Sign\u00e9 par le client'), 'x-klingon'],
    ['bytes that decode to U+FFFD', new Uint8Array(64).fill(0xa4), 'iso-2022-jp'],
    ['NUL bytes', new Uint8Array([0x53, 0x69, 0x67, 0x6e, 0, 0, 0, 0, 0, 0]), undefined],
  ])('throws "could not read" for %s', (_what, input, label) => {
    let thrown: unknown;
    try {
      decodeText(input, label);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FileProblemError);
    expect((thrown as FileProblemError).kind).toBe('file-unreadable');
  });

  it('takes a <meta> UTF-16 label of an HTML file for UTF-8, as the HTML standard does', () => {
    expect(declaredHtmlCharset(bytes('<meta charset="UTF-16"><p>x'))).toBe('utf-8');
    expect(declaredHtmlCharset(bytes('<meta charset="windows-1252"><p>x'))).toBe('windows-1252');
  });
});

describe('MIME structure', () => {
  it("does not split a multipart at a nested part's boundary that begins with its own", () => {
    const mail =
      'From: a@b.example\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: multipart/alternative; boundary="b-alt"\r\n\r\n--b-alt\r\nContent-Type: text/plain\r\n\r\nSigned by the customer\r\n--b-alt--\r\n--b--\r\n';
    expect(extractMime('a.eml', bytes(mail)).pages[0]).toBe('From: a@b.example\n\nSigned by the customer');
  });

  it.each([
    ['an empty boundary', 'multipart/mixed; boundary=""', '--\r\n\r\ntext\r\n----'],
    ['no boundary', 'multipart/mixed', '--x\r\n\r\ntext\r\n--x--'],
    ['a boundary that never occurs', 'multipart/mixed; boundary="q"', 'text'],
  ])('throws "could not read" for a multipart with %s', (_what, type, body) => {
    const mail = `From: a@b.example\r\nContent-Type: ${type}\r\n\r\n${body}\r\n`;
    expect(() => extractMime('a.eml', bytes(mail))).toThrow(FileProblemError);
  });

  it('says "no text" for a mail of headers and an image only', () => {
    const mail =
      'From: a@b.example\r\nSubject: Signed\r\nContent-Type: multipart/mixed; boundary="i"\r\n\r\n--i\r\nContent-Type: image/png\r\n\r\nPNG\r\n--i--\r\n';
    let thrown: unknown;
    try {
      extractMime('a.eml', bytes(mail));
    } catch (error) {
      thrown = error;
    }
    expect((thrown as FileProblemError).kind).toBe('file-no-text');
  });
});
