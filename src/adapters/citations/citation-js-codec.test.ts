/**
 * The citation codec reads back what it writes (a library import will read such files), reads
 * BibTeX as arXiv and Zotero write it, splits names sensibly and refuses what is not a citation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildPaper } from '../../../test/factories.ts';
import { isAppError } from '../../core/errors.ts';
import { CITATION_FORMATS, paperCitation } from '../../core/papers/citation.ts';
import { CitationJsCodec, cslName } from './citation-js-codec.ts';

const codec = new CitationJsCodec();

test('every format reads back to the same records', () => {
  const records = [
    paperCitation(
      buildPaper({
        id: '2608.19880',
        title: 'Agents & {braces} in $x^2$ — ü',
        authors: ['Ada Lovelace', 'Ludwig van Beethoven', 'Martin Luther King Jr.'],
        submittedAt: '2026-08-20T10:00:00Z',
      }),
    ),
    paperCitation(
      buildPaper({
        id: 'hep-th/9901001',
        title: 'Large N',
        authors: ['Juan Maldacena'],
        doi: '10.1023/A:1026654312961',
        journalRef: 'Int. J. Theor. Phys. 38 (1999) 1113',
        submittedAt: '1997-11-27T00:00:00Z',
      }),
    ),
  ];
  for (const format of CITATION_FORMATS) {
    const back = codec.parse(codec.format(records, format));
    assert.deepEqual(
      back.map((r) => [r.arxivId, r.authors, r.title, r.issued, r.doi, r.url]),
      records.map((r) => [r.arxivId, r.authors, r.title, r.issued, r.doi, r.url]),
      format,
    );
  }
});

test('wrapped titles and abstracts become one line; every RIS line has a tag', () => {
  const record = paperCitation(
    buildPaper({
      title: 'A title wrapped\n  over two lines',
      abstract: 'First line of the abstract.\nSecond line.\n\nA new paragraph.',
    }),
  );
  assert.equal(record.title, 'A title wrapped over two lines');
  const ris = codec.format([record], 'ris');
  for (const line of ris.trim().split('\n')) assert.match(line, /^[A-Z][A-Z0-9] {2}-( |$)/, line);
  assert.equal(
    codec.parse(ris)[0]?.abstract,
    'First line of the abstract. Second line. A new paragraph.',
  );
});

test('BibTeX as arXiv exports it: the eprint field gives the arXiv id', () => {
  const [record] = codec.parse(`@misc{vaswani2017attention,
      title={Attention Is All You Need},
      author={Ashish Vaswani and Noam Shazeer and Niki Parmar},
      year={2017},
      eprint={1706.03762},
      archivePrefix={arXiv},
      primaryClass={cs.CL},
      url={https://arxiv.org/abs/1706.03762},
}`);
  assert.equal(record?.arxivId, '1706.03762');
  assert.deepEqual(record?.authors, ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar']);
  assert.equal(record?.issued, '2017');
});

test('names: particles, suffixes and groups', () => {
  assert.deepEqual(cslName('Ludwig van Beethoven'), {
    given: 'Ludwig',
    'non-dropping-particle': 'van',
    family: 'Beethoven',
  });
  assert.deepEqual(cslName('Martin Luther King Jr.'), {
    given: 'Martin Luther',
    family: 'King',
    suffix: 'Jr.',
  });
  assert.deepEqual(cslName('The ATLAS Collaboration'), { literal: 'The ATLAS Collaboration' });
  // The name parser takes "Ma" for a degree (M.A.) and drops it; no word may be lost.
  assert.deepEqual(cslName('Yi Ma'), { given: 'Yi', family: 'Ma' });
  assert.deepEqual(cslName('Juan D. Jd'), { given: 'Juan D.', family: 'Jd' });
  assert.deepEqual(cslName('Plato'), { literal: 'Plato' });
});

test('what is not a citation file is refused with invalid_input, never a crash', () => {
  assert.deepEqual(codec.parse(''), [], 'an empty file holds no records');
  for (const text of ['hello world', '{"not": "csl"', '<html></html>']) {
    assert.throws(
      () => codec.parse(text),
      (e) => isAppError(e, 'invalid_input'),
      JSON.stringify(text),
    );
  }
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      try {
        codec.parse(text);
      } catch (error) {
        if (!isAppError(error, 'invalid_input')) throw error;
      }
    }),
    { numRuns: 200 },
  );
});

test('any title and byline survive BibTeX, RIS and CSL-JSON', () => {
  // TeX ligatures are TeX's: "--" and "''" in a BibTeX title read back as – and ” (as LaTeX
  // typesets them), so the generated titles leave - and ' out; everything TeX treats as special
  // is in.
  const [ligatures] = codec.parse(
    codec.format([paperCitation(buildPaper({ title: "a--b ''c''" }))], 'bibtex'),
  );
  assert.equal(ligatures?.title, 'a–b ”c”');
  const word = fc.stringMatching(/^[A-Za-zÀ-ÿ{}$&%#_^~\\ ]{1,20}$/);
  fc.assert(
    fc.property(
      word.filter((t) => t.trim().length > 0),
      fc.array(
        fc.tuple(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), fc.stringMatching(/^[A-Z][a-z]{1,10}$/)),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
      (title, names) => {
        const authors = names.map(([g, f]) => `${g} ${f}`);
        const record = paperCitation(buildPaper({ title: title.trim(), authors }));
        for (const format of CITATION_FORMATS) {
          const [back] = codec.parse(codec.format([record], format));
          assert.equal(back?.title, record.title, `${format}: ${JSON.stringify(title)}`);
          assert.deepEqual(back?.authors, authors, format);
        }
      },
    ),
    { numRuns: 60 },
  );
});
