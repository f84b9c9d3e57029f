/**
 * Importing a reader's library (a Zotero export: BibTeX, RIS or CSL-JSON, or pasted arXiv ids):
 * each entry is matched to a stored paper by arXiv id, then DOI, then exact title; unknown arXiv
 * ids are fetched as submissions are. The report says what matched, what was fetched, what was
 * skipped and why. A file that is not one of the formats stores nothing.
 */
import type { Clock } from '../clock.ts';
import { createError } from '../errors.ts';
import { canonicalArxivId, parseArxivId } from '../papers/arxiv-id.ts';
import type { CitationRecord } from '../papers/citation.ts';
import type { Paper } from '../papers/model.ts';
import type { CitationCodec, PaperFetcher, PaperRepo } from '../papers/ports.ts';
import type { LibrarySource } from './model.ts';
import type { PaperMatcher, ReaderLibraryRepo } from './ports.ts';

/** Most entries one import takes; larger libraries are split by the reader. */
export const MAX_IMPORT_ENTRIES = 5000;
/** Most unknown arXiv ids one import looks up at arXiv (one request per 3 s, shared). */
export const MAX_IMPORT_FETCHES = 100;

export interface ImportDeps {
  codec: CitationCodec;
  papers: PaperRepo;
  matcher: PaperMatcher;
  library: ReaderLibraryRepo;
  fetcher: PaperFetcher | null;
  storeFetched: (papers: Paper[]) => Promise<unknown>;
  clock: Clock;
}

export type MatchedBy = 'arxiv' | 'doi' | 'title';

export interface ImportReport {
  format: Exclude<LibrarySource, 'upvote' | 'collection' | 'more'>;
  entries: number;
  matched: { entry: number; title: string; paperId: string; by: MatchedBy }[];
  fetched: { entry: number; title: string; paperId: string }[];
  skipped: { entry: number; title: string; reason: string }[];
  /** Papers new to the library (the rest were there already). */
  added: number;
}

/** The format of a document, by its first non-blank character and RIS's tag lines. */
function detectFormat(text: string): ImportReport['format'] {
  const t = text.trimStart();
  if (t.startsWith('[') || t.startsWith('{')) return 'csl-json';
  if (t.startsWith('@') || /^\s*@\w+\s*[{(]/m.test(t)) return 'bibtex';
  if (/^TY {2}- /m.test(t)) return 'ris';
  return 'ids';
}

/** Pasted ids or arxiv.org URLs, one per line or separated by spaces or commas. */
function idRecords(text: string): CitationRecord[] {
  const tokens = text.split(/[\s,]+/).filter(Boolean);
  const bad = tokens.filter((t) => !parseArxivId(t));
  if (tokens.length === 0 || bad.length > 0) {
    throw createError(
      'invalid_input',
      bad.length > 0
        ? `not BibTeX, RIS, CSL-JSON or arXiv ids (“${bad[0]?.slice(0, 60)}” is none of them)`
        : 'the file is empty',
    );
  }
  return tokens.map((t) => ({
    title: t,
    authors: [],
    issued: null,
    arxivId: parseArxivId(t)?.id ?? null,
    primaryCategory: null,
    doi: null,
    url: null,
    abstract: null,
    journalRef: null,
    keywords: [],
  }));
}

const normalTitle = (t: string) => t.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

export async function importLibrary(
  deps: ImportDeps,
  userId: string,
  text: string,
): Promise<ImportReport> {
  const format = detectFormat(text);
  const records = format === 'ids' ? idRecords(text) : deps.codec.parse(text);
  if (records.length === 0) throw createError('invalid_input', 'the file holds no entries');
  if (records.length > MAX_IMPORT_ENTRIES) {
    throw createError(
      'invalid_input',
      `the file holds ${records.length} entries; import at most ${MAX_IMPORT_ENTRIES} at a time`,
    );
  }
  const report: ImportReport = {
    format,
    entries: records.length,
    matched: [],
    fetched: [],
    skipped: [],
    added: 0,
  };
  const ids = records.map((r) => (r.arxivId ? canonicalArxivId(r.arxivId) : null));
  const stored = new Set(
    (await deps.papers.getMany([...new Set(ids.filter((x): x is string => !!x))])).map((p) => p.id),
  );
  const dois = await deps.matcher.byDois(records.flatMap((r) => (r.doi ? [r.doi] : [])));
  const titles = await deps.matcher.byTitles(
    records.map((r) => normalTitle(r.title)).filter(Boolean),
  );
  const toFetch: number[] = [];
  for (const [entry, r] of records.entries()) {
    const title = r.title.replace(/[{}]/g, '').slice(0, 300) || '(untitled)';
    const id = ids[entry];
    const byDoi = r.doi ? dois.get(r.doi.toLowerCase()) : undefined;
    const byTitle = titles.get(normalTitle(r.title)) ?? [];
    if (id && stored.has(id)) report.matched.push({ entry, title, paperId: id, by: 'arxiv' });
    else if (byDoi) report.matched.push({ entry, title, paperId: byDoi, by: 'doi' });
    else if (byTitle.length === 1 && byTitle[0]) {
      report.matched.push({ entry, title, paperId: byTitle[0], by: 'title' });
    } else if (id) toFetch.push(entry);
    else {
      report.skipped.push({
        entry,
        title,
        reason:
          byTitle.length > 1
            ? `${byTitle.length} stored papers have this title`
            : 'no arXiv id, DOI or title of a stored paper',
      });
    }
  }
  await fetchUnknown(deps, records, ids, toFetch, report);
  const at = deps.clock.now().toISOString();
  const seen = new Set<string>();
  const entries = [...report.matched, ...report.fetched]
    .filter((m) => !seen.has(m.paperId) && seen.add(m.paperId))
    .map((m) => ({ paperId: m.paperId, source: format, addedAt: at }));
  report.added = await deps.library.addImported(userId, entries);
  report.matched.sort((a, b) => a.entry - b.entry);
  report.skipped.sort((a, b) => a.entry - b.entry);
  return report;
}

async function fetchUnknown(
  deps: ImportDeps,
  records: CitationRecord[],
  ids: (string | null)[],
  entries: number[],
  report: ImportReport,
): Promise<void> {
  const title = (e: number) => records[e]?.title.replace(/[{}]/g, '').slice(0, 300) || '(untitled)';
  const wanted = entries.slice(0, MAX_IMPORT_FETCHES);
  for (const entry of entries.slice(MAX_IMPORT_FETCHES)) {
    report.skipped.push({
      entry,
      title: title(entry),
      reason: `not stored; at most ${MAX_IMPORT_FETCHES} unknown arXiv ids are fetched per import`,
    });
  }
  if (wanted.length === 0) return;
  let found: Paper[] = [];
  let failure: string | null = null;
  if (!deps.fetcher) failure = 'not stored, and this instance fetches nothing from arXiv';
  else {
    try {
      found = await deps.fetcher.fetchByIds([...new Set(wanted.map((e) => ids[e] as string))]);
      if (found.length > 0) await deps.storeFetched(found);
    } catch (error) {
      failure = `arXiv could not be reached (${(error as Error).message.slice(0, 120)}); import again later`;
    }
  }
  const got = new Set(found.map((p) => p.id));
  for (const entry of wanted) {
    const id = ids[entry] as string;
    if (got.has(id)) report.fetched.push({ entry, title: title(entry), paperId: id });
    else
      report.skipped.push({
        entry,
        title: title(entry),
        reason: failure ?? 'arXiv does not know this id',
      });
  }
}
