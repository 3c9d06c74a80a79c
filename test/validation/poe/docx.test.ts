// What of a Word document the PoE check reads (src/validation/poe/extract/docx.ts): the body with
// its text boxes, and the headers, footers, footnotes and comments.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../src/files/problems';
import { extractDocx } from '../../../src/validation/poe/extract/docx';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

describe('extractDocx', () => {
  it('reads the body, a text box in it, a footer and a comment', () => {
    const bytes = zipSync({
      'word/document.xml': strToU8(
        `<w:document ${W}><w:body>${paragraph('Statement of work')}<w:p><w:r><w:pict><w:txbxContent>${paragraph('Signed by the customer')}</w:txbxContent></w:pict></w:r></w:p></w:body></w:document>`,
      ),
      'word/footer1.xml': strToU8(`<w:ftr ${W}>${paragraph('Contoso Ltd, 12 March 2026')}</w:ftr>`),
      'word/comments.xml': strToU8(
        `<w:comments ${W}><w:comment w:id="0">${paragraph('Approved, J. Smith (Contoso)')}</w:comment></w:comments>`,
      ),
      'word/styles.xml': strToU8(`<w:styles ${W}>${paragraph('not text of the document')}</w:styles>`),
    });
    const text = extractDocx('sow.docx', bytes, new Deadline(5_000)).pages.join('\n');
    for (const part of [
      'Statement of work',
      'Signed by the customer',
      'Contoso Ltd, 12 March 2026',
      'Approved, J. Smith (Contoso)',
    ])
      expect(text).toContain(part);
    expect(text).not.toContain('not text of the document');
  });
});
