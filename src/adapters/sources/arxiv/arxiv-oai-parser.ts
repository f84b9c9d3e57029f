/**
 * Parses arXiv OAI-PMH responses (ListRecords / GetRecord) in the three metadata formats arXiv
 * serves: `arXiv` (structured authors, created/updated), `arXivRaw` (full version history, flat
 * author string) and `oai_dc` (Dublin Core). OAI-PMH 2.0: https://www.openarchives.org/OAI/openarchivesprotocol.html
 * arXiv's formats: https://info.arxiv.org/help/oa/index.html
 */
import { createError } from '../../../core/errors.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import type { ParsedRecord } from '../../../core/papers/import-papers.ts';
import { emptyCommunity, type Paper, type PaperVersion } from '../../../core/papers/model.ts';
import {
  attr,
  child,
  children,
  childText,
  collapse,
  isoInstant,
  parseXml,
  textOf,
  type XmlNode,
  type XmlValue,
} from '../xml.ts';

export const OAI_SOURCE = 'arxiv-oai';

export interface OaiPage {
  records: ParsedRecord[];
  /** Token for the next page; null when the list is complete. */
  resumptionToken: string | null;
  completeListSize: number | null;
  /** Latest header datestamp on this page (YYYY-MM-DD), for incremental harvests. */
  maxDatestamp: string | null;
}

const ARRAYS = new Set([
  'record',
  'author',
  'version',
  'setSpec',
  'creator',
  'subject',
  'description',
  'date',
  'identifier',
  'error',
]);

/**
 * Parses one response body. Records that cannot be read become numbered errors (their position on
 * the page). Throws `source_malformed` when the body is not an OAI-PMH response, `invalid_input`
 * for protocol errors (bad set, bad format…), and `badResumptionToken` as its own code in
 * `details.oaiCode` so the harvester can restart the window.
 */
export function parseOaiPage(body: string, fetchedAt: string): OaiPage {
  const doc = parseXml(OAI_SOURCE, body, ARRAYS);
  const root = child(doc, 'OAI-PMH');
  if (!root || !('responseDate' in root)) {
    throw createError('source_malformed', OAI_SOURCE, 'the response is not an OAI-PMH document');
  }
  const error = children(root, 'error')[0];
  if (error !== undefined) {
    const code = attr(error, 'code') ?? 'unknown';
    if (code === 'noRecordsMatch') {
      return { records: [], resumptionToken: null, completeListSize: 0, maxDatestamp: null };
    }
    throw createError('invalid_input', `arXiv OAI-PMH ${code}: ${textOf(error) || 'no message'}`, {
      details: { oaiCode: code },
    });
  }
  const list = child(root, 'ListRecords') ?? child(root, 'GetRecord');
  if (!list) throw createError('source_malformed', OAI_SOURCE, 'no ListRecords or GetRecord');
  const records: ParsedRecord[] = [];
  let maxDatestamp: string | null = null;
  children(list, 'record').forEach((record, index) => {
    const header = child(record, 'header');
    const datestamp = childText(header, 'datestamp');
    if (datestamp && (maxDatestamp === null || datestamp > maxDatestamp)) maxDatestamp = datestamp;
    if (attr(header, 'status') === 'deleted') return;
    const result = recordToPaper(record, fetchedAt);
    records.push(
      typeof result === 'string'
        ? { line: index + 1, error: result }
        : { line: index + 1, paper: result },
    );
  });
  const token = list.resumptionToken;
  const tokenText = textOf(token);
  const size = Number(attr(token, 'completeListSize') ?? Number.NaN);
  return {
    records,
    resumptionToken: tokenText === '' ? null : tokenText,
    completeListSize: Number.isInteger(size) ? size : null,
    maxDatestamp,
  };
}

function recordToPaper(record: XmlValue, fetchedAt: string): Paper | string {
  const metadata = child(record, 'metadata');
  const headerId = textOf(children(child(record, 'header'), 'identifier')[0]);
  if (!metadata) return `record ${headerId || '(no identifier)'} has no metadata`;
  const arxiv = child(metadata, 'arXiv');
  if (arxiv) return fromArxivFormat(arxiv, fetchedAt);
  const raw = child(metadata, 'arXivRaw');
  if (raw) return fromArxivRaw(raw, fetchedAt);
  const dc = child(metadata, 'dc');
  if (dc) return fromDublinCore(dc, headerId, fetchedAt);
  return `record ${headerId} has metadata in a format paperboy does not read`;
}

function base(node: XmlNode, idText: string | null, fetchedAt: string): Paper | string {
  const parsed = parseArxivId(idText ?? '');
  if (!parsed) return `record id "${(idText ?? '').slice(0, 80)}" is not an arXiv id`;
  const title = collapse(childText(node, 'title') ?? '');
  if (!title) return `record ${parsed.id} has no title`;
  return {
    id: parsed.id,
    version: null,
    title,
    abstract: collapse(childText(node, 'abstract') ?? ''),
    authors: [],
    categories: collapse(childText(node, 'categories') ?? '')
      .split(' ')
      .filter((c) => c !== ''),
    submittedAt: null,
    updatedAt: null,
    doi: childText(node, 'doi'),
    journalRef: nullable(childText(node, 'journal-ref')),
    comments: nullable(childText(node, 'comments')),
    links: { code: null, project: null },
    versions: [],
    community: emptyCommunity(),
    provenance: { source: OAI_SOURCE, fetchedAt },
  };
}

/** `arXiv` format: v1 date is `created`, the latest revision `updated` (its number is not given). */
function fromArxivFormat(node: XmlNode, fetchedAt: string): Paper | string {
  const paper = base(node, childText(node, 'id'), fetchedAt);
  if (typeof paper === 'string') return paper;
  const created = isoInstant(childText(node, 'created'));
  paper.authors = children(child(node, 'authors'), 'author')
    .map((a) =>
      collapse(
        [childText(a, 'forenames'), childText(a, 'keyname'), childText(a, 'suffix')]
          .filter((x) => x !== null)
          .join(' '),
      ),
    )
    .filter((n) => n !== '');
  paper.submittedAt = created;
  paper.updatedAt = isoInstant(childText(node, 'updated'));
  paper.versions = created ? [{ version: 1, submittedAt: created }] : [];
  return paper;
}

/** `arXivRaw` format: every version with its date; authors as one string. */
function fromArxivRaw(node: XmlNode, fetchedAt: string): Paper | string {
  const paper = base(node, childText(node, 'id'), fetchedAt);
  if (typeof paper === 'string') return paper;
  const versions: PaperVersion[] = [];
  for (const v of children(node, 'version')) {
    const n = Number((attr(v, 'version') ?? '').replace(/^v/, ''));
    if (Number.isInteger(n) && n >= 1) {
      versions.push({ version: n, submittedAt: isoInstant(childText(v, 'date')) });
    }
  }
  versions.sort((a, b) => a.version - b.version);
  const latest = versions.at(-1);
  paper.versions = versions;
  paper.version = latest?.version ?? null;
  paper.submittedAt = versions[0]?.submittedAt ?? null;
  paper.updatedAt = latest && latest.version > 1 ? latest.submittedAt : null;
  paper.authors = splitAuthors(childText(node, 'authors') ?? '');
  return paper;
}

/** `oai_dc`: subjects are names, not category codes, so categories stay empty. */
function fromDublinCore(node: XmlNode, headerId: string, fetchedAt: string): Paper | string {
  const identifiers = children(node, 'identifier').map((i) => textOf(i));
  const id = identifiers.find((i) => parseArxivId(i)) ?? headerId.replace(/^oai:arXiv\.org:/, '');
  const descriptions = children(node, 'description').map((d) => collapse(textOf(d)));
  const dc: XmlNode = {
    title: childText(node, 'title') ?? '',
    abstract: descriptions.find((d) => !d.startsWith('Comment:')) ?? '',
  };
  const paper = base(dc, id, fetchedAt);
  if (typeof paper === 'string') return paper;
  const comment = descriptions.find((d) => d.startsWith('Comment:'));
  paper.comments = comment ? comment.replace(/^Comment:\s*/, '') : null;
  paper.authors = children(node, 'creator')
    .map((c) => textOf(c))
    .map((name) => collapse(name.replace(/^([^,]+),\s*(.+)$/, '$2 $1')))
    .filter((n) => n !== '');
  const dates = children(node, 'date')
    .map((d) => isoInstant(textOf(d)))
    .filter((d): d is string => d !== null);
  paper.submittedAt = dates[0] ?? null;
  paper.versions = dates[0] ? [{ version: 1, submittedAt: dates[0] }] : [];
  return paper;
}

/** "A, B and C" / "A and B" → names. */
export function splitAuthors(text: string): string[] {
  return collapse(text)
    .split(/,\s*(?:and\s+)?|\s+and\s+/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

function nullable(text: string | null): string | null {
  const t = collapse(text ?? '');
  return t === '' ? null : t;
}
