/**
 * Parses arXiv API (`/api/query`) Atom feeds into papers. Handles today's feed and the 2016-era
 * one (per-element namespace declarations), the error feed the API sends with HTTP 400, and empty
 * feeds for ids arXiv does not know. Spec: https://info.arxiv.org/help/api/user-manual.html
 */
import { createError } from '../../../core/errors.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import { emptyCommunity, type Paper } from '../../../core/papers/model.ts';
import {
  attr,
  children,
  childText,
  collapse,
  isoInstant,
  parseXml,
  textOf,
  type XmlNode,
  type XmlValue,
} from '../xml.ts';

export const ATOM_SOURCE = 'arxiv-atom';

/** One page of an Atom feed. */
export interface AtomFeed {
  /** opensearch:totalResults: all matches of the query, not just this page. */
  totalResults: number;
  startIndex: number;
  papers: Paper[];
  /** Entries that could not be read (missing id or title), with why. */
  skipped: string[];
}

const ARRAYS = new Set(['entry', 'author', 'category', 'link']);
const ERROR_ID = /\/api\/errors#/;

/**
 * Parses an Atom feed body. Throws `invalid_input` for arXiv's error feed (the message arXiv gave,
 * e.g. "incorrect id format for abc") and `source_malformed` for anything that is not such a feed.
 */
export function parseArxivAtom(body: string, fetchedAt: string): AtomFeed {
  const doc = parseXml(ATOM_SOURCE, body, ARRAYS);
  const feed = doc.feed;
  if (feed === undefined || Array.isArray(feed) || typeof feed === 'string') {
    throw createError('source_malformed', ATOM_SOURCE, 'the response is not an Atom <feed>');
  }
  const entries = children(feed, 'entry');
  const error = entries.find((e) => ERROR_ID.test(childText(e, 'id') ?? ''));
  if (error) {
    throw createError('invalid_input', `arXiv API: ${childText(error, 'summary') ?? 'error'}`);
  }
  const papers: Paper[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    const result = entryToPaper(entry, fetchedAt);
    if (typeof result === 'string') skipped.push(result);
    else papers.push(result);
  }
  return {
    totalResults: count(childText(feed, 'totalResults')) ?? papers.length,
    startIndex: count(childText(feed, 'startIndex')) ?? 0,
    papers,
    skipped,
  };
}

function entryToPaper(entry: XmlValue, fetchedAt: string): Paper | string {
  const rawId = childText(entry, 'id') ?? '';
  const parsed = parseArxivId(rawId);
  if (!parsed) return `entry id "${rawId.slice(0, 100)}" is not an arXiv paper`;
  const title = collapse(childText(entry, 'title') ?? '');
  if (!title) return `entry ${parsed.id} has no title`;
  const published = isoInstant(childText(entry, 'published'));
  const updated = isoInstant(childText(entry, 'updated'));
  const version = parsed.version;
  return {
    id: parsed.id,
    version,
    title,
    abstract: collapse(childText(entry, 'summary') ?? ''),
    authors: children(entry, 'author')
      .map((a) => collapse(childText(a, 'name') ?? ''))
      .filter((n) => n !== ''),
    categories: categoriesOf(entry),
    submittedAt: published,
    // Atom's <updated> is the latest version's date; like the other sources, only a v2+ has one.
    updatedAt: version !== null && version > 1 ? updated : null,
    doi: childText(entry, 'doi'),
    journalRef: nullIfEmpty(collapse(childText(entry, 'journal_ref') ?? '')),
    comments: nullIfEmpty(collapse(childText(entry, 'comment') ?? '')),
    links: { code: null, project: null },
    versions: versionsOf(version, published, updated),
    community: emptyCommunity(),
    provenance: { source: ATOM_SOURCE, fetchedAt },
  };
}

/** Primary category first, then the cross-lists in feed order. */
function categoriesOf(entry: XmlValue): string[] {
  const primary = attr((entry as XmlNode).primary_category, 'term');
  const all = children(entry, 'category')
    .map((c) => attr(c, 'term'))
    .filter((t): t is string => !!t);
  return [...new Set([...(primary ? [primary] : []), ...all])];
}

/** Atom names only the latest version: v1 was `published`, the latest `updated`. */
function versionsOf(version: number | null, published: string | null, updated: string | null) {
  if (version === null) return [];
  const versions = [{ version: 1, submittedAt: published }];
  if (version > 1) versions.push({ version, submittedAt: updated });
  return versions;
}

function count(text: string | null): number | null {
  if (text === null) return null;
  const n = Number(textOf(text));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function nullIfEmpty(text: string): string | null {
  return text === '' ? null : text;
}
