/**
 * Proves the core tokenizer equals SQLite FTS5's `porter unicode61 remove_diacritics 2`: the same
 * terms at the same positions for tricky texts (committed here), and — when ../shared/data is
 * present — the same folded vocabulary and the same stem for every word of the ~62k real papers.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { sharedDataDir } from '../../../bench/eval/datasets.ts';
import { loadRealCorpus } from '../../../bench/search/real-corpus.ts';
import { forEachToken, fts5Terms, stemToken } from './fts5-tokenizer.ts';

const SAMPLES = [
  'Attention Is All You Need',
  'GPT-4o and Llama-3.1-70B: scaling laws for 1.5e-3 learning rates (v2)',
  'Régularisation façade naïve Ångström Øresund Straße ÉCOLE ĳssel İstanbul',
  'Zürich, São Paulo, Kraków, Dvořák, Nguyễn Thị Minh Khai, Łódź, Ǆemal',
  'Ελληνικά κείμενα με τόνους, русский текст, 中文分词测试, 日本語のテキスト, 한국어',
  'हिन्दी भाषा, العربية, עברית, ไทย',
  'e\u0301cole cafe\u0300 combining marks; ﬁnancial ligature; ² superscript ½ fraction',
  'generalization relational hopefulness conditionally troubling falling sized hoped',
  'running runs ran easily fairly agreed feed bled plastered motoring sing abbey sky',
  'bert2s gpt3 x86_64 utf8 a1b2c3 123abc abc123ing 2023s 3d-aware',
  '"quoted" (parens) [brackets] {braces} — em dash – en dash … ellipsis ‘single’ “double”',
  'emoji 🤖 robots 🚀 rockets 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐐀𐐨 deseret',
  'tokenization tokenizers tokenized relativistic probabilistic controllability',
  'an aed eed ied ies sses ss s y yy by bys ying',
  'µm ſ ϐ ϑ ϕ ϖ ϰ ϱ ϵ ẛ ΣΊΣΥΦΟΣ',
];

function fts5(tokenize: string) {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '${tokenize}')`);
  db.exec(`CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')`);
  db.exec(`CREATE VIRTUAL TABLE r USING fts5vocab(t, 'row')`);
  return db;
}

test('the same terms at the same positions as FTS5 for tricky texts', () => {
  const db = fts5('porter unicode61 remove_diacritics 2');
  const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
  for (const [i, text] of SAMPLES.entries()) insert.run(i + 1, text);
  const read = db.prepare('SELECT term FROM v WHERE doc = ? ORDER BY offset').pluck();
  SAMPLES.forEach((text, i) => {
    assert.deepEqual(fts5Terms(text), read.all(i + 1), text);
  });
  db.close();
});

test('token offsets cover the words of the text', () => {
  const seen: string[] = [];
  forEachToken('Héllo, wörld-2!', (token, start, end) => {
    seen.push(`${token}@${start}-${end}`);
  });
  assert.deepEqual(seen, ['hello@0-5', 'world@7-12', '2@13-14']);
});

test('every code point is a token character or a separator, folded, as in FTS5', () => {
  const db = fts5('unicode61 remove_diacritics 2');
  const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
  const points: number[] = [];
  for (let c = 1; c < 0x110000; c++) if (c < 0xd800 || c > 0xdfff) points.push(c);
  db.transaction(() => {
    for (const c of points) insert.run(c, `x${String.fromCodePoint(c)}x`);
  })();
  const theirs = new Map<number, string[]>();
  for (const [doc, term] of db
    .prepare('SELECT doc, term FROM v ORDER BY doc, offset')
    .raw()
    .iterate() as Iterable<[number, string]>) {
    const list = theirs.get(doc);
    if (list) list.push(term);
    else theirs.set(doc, [term]);
  }
  db.close();
  const wrong: string[] = [];
  for (const c of points) {
    const ours: string[] = [];
    forEachToken(`x${String.fromCodePoint(c)}x`, (t) => {
      ours.push(t);
    });
    const want = theirs.get(c) ?? [];
    if (ours.join(' ') !== want.join(' ')) wrong.push(`U+${c.toString(16)}: ${want} / ${ours}`);
  }
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} code points differ`);
});

const shared = existsSync(sharedDataDir());

test('every word of the real papers folds and stems as FTS5 does', {
  skip: shared ? false : 'no ../shared/data here',
  timeout: 600_000,
}, async () => {
  const papers = await loadRealCorpus();
  assert.ok(papers.length > 50_000, `${papers.length} papers`);
  // Folding: the whole vocabulary of unicode61 (no stemming) equals ours.
  const plain = fts5('unicode61 remove_diacritics 2');
  const ours = new Set<string>();
  const insert = plain.prepare('INSERT INTO t (x) VALUES (?)');
  plain.transaction(() => {
    for (const p of papers) {
      const text = `${p.title}\n${p.abstract}\n${JSON.stringify(p.authors)}`;
      insert.run(text);
      forEachToken(text, (token) => {
        ours.add(token);
      });
    }
  })();
  const theirs = new Set(plain.prepare('SELECT term FROM r').pluck().all() as string[]);
  plain.close();
  const missing = [...theirs].filter((t) => !ours.has(t)).slice(0, 20);
  const extra = [...ours].filter((t) => !theirs.has(t)).slice(0, 20);
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  // Stemming: each folded word, alone in a row, stems as FTS5's porter does.
  const porter = fts5('porter unicode61 remove_diacritics 2');
  const words = [...theirs];
  const add = porter.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
  porter.transaction(() => {
    for (const [i, w] of words.entries()) add.run(i + 1, w);
  })();
  const stems = porter.prepare('SELECT doc, term FROM v').raw().all() as [number, string][];
  const wrong: string[] = [];
  for (const [doc, term] of stems) {
    const word = words[doc - 1] as string;
    if (stemToken(word) !== term) wrong.push(`${word}: fts5 ${term}, ours ${stemToken(word)}`);
  }
  porter.close();
  assert.equal(stems.length, words.length);
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${words.length} differ`);
});
