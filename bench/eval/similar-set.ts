/**
 * The similar-papers development set, built at run time from judgments in ../shared/data that
 * no text-similarity method made (nothing is copied into the repository):
 *  - CACM: papers judged relevant to the same query are similar (the query paper must have an
 *    abstract; its relevant papers are all others judged for any query it is judged for);
 *  - SciFact: abstracts cited as evidence for the same claim (train and test claims) are similar.
 * Each query paper falls in the `tune` or the `report` half by a hash of its set and id: settings
 * are chosen on `tune` only, and `report` is what DESIGN.md quotes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EvalSet, sharedDataDir } from './datasets.ts';
import type { Judgements } from './metrics.ts';

export type Half = 'tune' | 'report';

export interface SimilarQuery {
  /** The query paper's id (a document of the set). */
  id: string;
  half: Half;
  relevant: Judgements;
}

function qrelsByQuery(path: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    const [q, d] = line.trim().split('\t');
    if (!q || !d) continue;
    const docs = out.get(q) ?? new Set<string>();
    docs.add(d);
    out.set(q, docs);
  }
  return out;
}

/** Which half a query paper is in: FNV-1a of `set:id`, even → tune, odd → report. */
export function halfOf(set: string, id: string): Half {
  let h = 2166136261;
  for (const ch of `${set}:${id}`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return (h >>> 0) % 2 === 0 ? 'tune' : 'report';
}

/** Papers judged together (for one query or claim) become each other's relevant papers. */
function coJudged(
  set: string,
  groups: Iterable<Set<string>>,
  usable: (id: string) => boolean,
): SimilarQuery[] {
  const related = new Map<string, Set<string>>();
  for (const group of groups) {
    if (group.size < 2) continue;
    for (const d of group) {
      const r = related.get(d) ?? new Set<string>();
      for (const o of group) if (o !== d) r.add(o);
      related.set(d, r);
    }
  }
  return [...related]
    .filter(([id]) => usable(id))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, r]) => ({
      id,
      half: halfOf(set, id),
      relevant: new Map([...r].map((o) => [o, 1])),
    }));
}

/** Similar-paper queries over a loaded search set's documents (CACM or SciFact). */
export function similarQueries(set: EvalSet): SimilarQuery[] {
  const docs = new Map(set.docs.map((d) => [d.id, d]));
  if (set.name === 'cacm') {
    const groups = qrelsByQuery(join(sharedDataDir(), 'cacm-relevance', 'qrels.tsv')).values();
    return coJudged('cacm', groups, (id) => (docs.get(id)?.text.trim() ?? '') !== '');
  }
  if (set.name === 'scifact') {
    const dir = join(sharedDataDir(), 'scifact');
    const groups = [
      ...qrelsByQuery(join(dir, 'qrels.train.tsv')).values(),
      ...qrelsByQuery(join(dir, 'qrels.test.tsv')).values(),
    ];
    return coJudged('scifact', groups, (id) => docs.has(id));
  }
  return [];
}
