/**
 * Citation exports of a paper, a collection, a search and a feed day, in BibTeX, RIS and
 * CSL-JSON, read back with a real parser (citation-js, independently of our adapter): authors in
 * byline order, title, year, arXiv id, DOI and URL survive; the pages link to the downloads.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { createCollection, putInCollection } from '../../core/community/collections.ts';
import type { Paper } from '../../core/papers/model.ts';
import { createApp } from './app.ts';

let c: TestContainer;
let app: ReturnType<typeof createApp>;
let collectionId = '';
let privateId = '';

const first = buildFeaturedPaper('2026-08-21', 30, {
  id: '2608.40001',
  title: 'Sparse agents: a {study} of $O(n^2)$ & more — naïve',
  authors: ['Ada Lovelace', 'Ludwig van Beethoven', 'Grace Hopper', 'The ATLAS Collaboration'],
  categories: ['cs.CL', 'cs.LG'],
  submittedAt: '2026-08-19T17:00:00Z',
});
const second = buildFeaturedPaper('2026-08-21', 10, {
  id: '2608.40002',
  title: 'Agents in published form',
  authors: ['Alan Turing', 'Ada Lovelace'],
  doi: '10.1103/PhysRevD.59.086004',
  journalRef: 'Phys. Rev. D 59 (1999) 086004',
  submittedAt: '2025-12-30T10:00:00Z',
});
const old = buildPaper({
  id: 'hep-th/9901001',
  title: 'Old style agents',
  authors: ['Juan Maldacena'],
  categories: ['hep-th'],
  submittedAt: '1999-01-04T00:00:00Z',
});

before(async () => {
  c = await createTestContainer();
  await c.papers.upsertMany([first, second, old]);
  const owner = await c.community.users.create({
    id: 'u1',
    email: 'ada@example.org',
    handle: 'ada',
    displayName: 'Ada',
    role: 'reader',
    createdAt: '2026-08-01T00:00:00Z',
  });
  collectionId = await createCollection(c.community, owner, {
    name: 'Reading list: agents!',
    description: '',
    isPublic: true,
  });
  await putInCollection(c.community, owner, collectionId, 'hep-th/9901001', '');
  await putInCollection(c.community, owner, collectionId, '2608.40001', '');
  privateId = await createCollection(c.community, owner, {
    name: 'secret',
    description: '',
    isPublic: false,
  });
  app = createApp(c);
});
after(() => c.dispose());

interface Parsed {
  families: string[];
  title: string;
  year: number | undefined;
  arxivId: string | undefined;
  doi: string | undefined;
  url: string | undefined;
}

/** Reads an export with citation-js, taking arXiv's BibTeX eprint field from the raw entries. */
function parse(text: string, format: string): Parsed[] {
  const items = new Cite(text).data as Record<string, unknown>[];
  const eprints =
    format === 'bibtex'
      ? (
          plugins.input.chain(text, {
            target: '@biblatex/entries+list',
            generateGraph: false,
          }) as { properties: Record<string, string> }[]
        ).map((e) => e.properties.eprint)
      : [];
  return items.map((item, i) => {
    const names = (item.author as Record<string, string>[]) ?? [];
    const hint = eprints[i] ?? String(item.number ?? item.note ?? '');
    return {
      families: names.map(
        (n) => n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' '),
      ),
      title: String(item.title),
      year: (item.issued as { 'date-parts': number[][] } | undefined)?.['date-parts'][0]?.[0],
      arxivId: hint.replace(/^arXiv:/, '') || undefined,
      doi: item.DOI as string | undefined,
      url: item.URL as string | undefined,
    };
  });
}

function expected(paper: Paper): Parsed {
  const families = paper.authors.map((a) =>
    a.includes('Collaboration') ? a : a.split(' ').slice(1).join(' '),
  );
  return {
    families,
    title: paper.title,
    year: Number(paper.submittedAt?.slice(0, 4)),
    arxivId: paper.id,
    doi: paper.doi ?? `10.48550/arXiv.${paper.id}`,
    url: `https://arxiv.org/abs/${paper.id}`,
  };
}

const SOURCES: [string, string, Paper[], string][] = [
  ['a paper', 'paper=2608.40001', [first], '2608.40001'],
  ['an old-style paper', 'paper=hep-th/9901001', [old], 'hep-th-9901001'],
  ['a collection', `collection={C}`, [first, old], 'reading-list-agents'],
  ['a search', 'q=agents&sort=newest', [first, second, old], 'search-agents'],
  ['a feed day', 'date=2026-08-21', [first, second], 'papers-2026-08-21'],
];
const FORMATS: [string, string, string][] = [
  ['bibtex', 'application/x-bibtex; charset=utf-8', 'bib'],
  ['ris', 'application/x-research-info-systems; charset=utf-8', 'ris'],
  ['csl-json', 'application/vnd.citationstyles.csl+json', 'json'],
];

for (const [what, query, papers, name] of SOURCES) {
  test(`${what} exports to BibTeX, RIS and CSL-JSON that a parser reads back`, async () => {
    for (const [format, type, ext] of FORMATS) {
      const path = `/api/v1/export?${query.replace('{C}', collectionId)}&format=${format}`;
      const res = await app.request(path);
      assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
      assert.equal(res.headers.get('content-type'), type);
      assert.equal(res.headers.get('content-disposition'), `attachment; filename="${name}.${ext}"`);
      assert.equal(res.headers.get('x-total-count'), String(papers.length));
      const text = await res.text();
      const parsed = parse(text, format);
      const want = papers.map(expected);
      if (what === 'a search') {
        // A search's order is the engine's; the set is what matters here.
        parsed.sort((a, b) => (a.arxivId ?? '').localeCompare(b.arxivId ?? ''));
        want.sort((a, b) => (a.arxivId ?? '').localeCompare(b.arxivId ?? ''));
      }
      assert.deepEqual(parsed, want, `${what} as ${format}`);
      if (format === 'bibtex') {
        assert.match(text, /archivePrefix = \{arXiv\}/);
        assert.match(text, /primaryClass = \{/);
      }
    }
  });
}

test('BibTeX: preprints are @misc, published papers @article with their journal', async () => {
  const text = await (await app.request('/api/v1/export?date=2026-08-21')).text();
  assert.match(text, /^@misc\{Lovelace2026Sparse,/m);
  assert.match(
    text,
    /^@article\{Turing2025Agents,[^@]*journal = \{Phys\. Rev\. D 59 \(1999\) 086004\}/m,
  );
});

test('bad export requests are refused clearly', async () => {
  const cases: [string, number, RegExp][] = [
    ['/api/v1/export', 400, /name exactly one of paper, collection, q, date, week, month/],
    ['/api/v1/export?paper=2608.40001&date=2026-08-21', 400, /exactly one/],
    ['/api/v1/export?paper=2608.40001&format=docx', 400, /format/],
    ['/api/v1/export?paper=not-an-id', 400, /not an arXiv id/],
    ['/api/v1/export?paper=2608.99999', 404, /2608\.99999/],
    ['/api/v1/export?date=2026-02-30', 400, /calendar day/],
    [`/api/v1/export?collection=${privateId}`, 404, /collection/],
    ['/api/v1/export?collection=nope', 404, /collection/],
    [`/api/v1/export?q=${'x'.repeat(300)}`, 400, /q/],
    ['/api/v1/export?date=2026-08-21&limit=100000', 400, /limit/],
  ];
  for (const [path, status, message] of cases) {
    const res = await app.request(path.replace('{P}', privateId));
    assert.equal(res.status, status, path);
    assert.match(JSON.stringify(await res.json()), message, path);
  }
  const empty = await app.request('/api/v1/export?date=2020-01-01&format=ris');
  assert.equal(empty.status, 200);
  assert.equal(empty.headers.get('x-total-count'), '0');
  assert.equal(await empty.text(), '');
  const emptyJson = await app.request('/api/v1/export?date=2020-01-01&format=csl-json');
  assert.deepEqual(await emptyJson.json(), []);
});

test('the pages link to the downloads', async () => {
  const pages: [string, string][] = [
    ['/papers/2608.40001', 'paper=2608.40001'],
    [`/collections/${collectionId}`, `collection=${collectionId}`],
    ['/search?q=agents', 'q=agents'],
    ['/papers/date/2026-08-21', 'date=2026-08-21'],
  ];
  for (const [page, query] of pages) {
    const html = await (await app.request(page)).text();
    for (const format of ['bibtex', 'ris', 'csl-json']) {
      const link = html.match(new RegExp(`href="(/api/v1/export\\?[^"]*format=${format})"`))?.[1];
      assert.ok(link, `${page} links to ${format}`);
      const href = link.replaceAll('&amp;', '&');
      assert.ok(href.includes(query), `${page}: ${href}`);
      assert.equal((await app.request(href)).status, 200, href);
    }
  }
});
