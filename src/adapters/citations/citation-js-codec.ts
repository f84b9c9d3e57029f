/**
 * The CitationCodec on citation-js (BibTeX, RIS and CSL-JSON in and out, offline). citation-js
 * handles escaping, name formatting and each format's fields; arXiv's own BibTeX fields (eprint,
 * archivePrefix, primaryClass), which its mapping leaves out, are added here, and preprints
 * become @misc as arXiv exports them.
 */
import { type BibtexEntry, Cite, type CslData, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { parse as parseName } from '@citation-js/name';
import { createError } from '../../core/errors.ts';
import { canonicalArxivId } from '../../core/papers/arxiv-id.ts';
import type { CitationFormat, CitationRecord } from '../../core/papers/citation.ts';
import type { CitationCodec } from '../../core/papers/ports.ts';

/** Bylines that name a group, not a person: kept whole. */
const GROUP = /\b(collaboration|consortium|team|group|project|initiative|committee|society)\b/i;
const SUFFIX = /,?\s+(Jr\.?|Sr\.?|II|III|IV)$/;

/** A byline name as CSL: family and given (particles and suffixes kept), or literal for groups. */
export function cslName(name: string): Record<string, string> {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (GROUP.test(clean) || !clean.includes(' ')) return { literal: clean };
  // A suffix only after at least two words ("Martin Luther King Jr.", not a family name "Jr").
  const found = clean.match(SUFFIX)?.[1];
  const suffix = found && clean.replace(SUFFIX, '').includes(' ') ? found : undefined;
  const base = suffix ? clean.replace(SUFFIX, '') : clean;
  let parsed = parseName(base);
  // The parser reads some family names as degrees ("Yi Ma" → "Yi", M.A.) and drops them; a
  // parse that does not give back every word is replaced by "given words + last word".
  const parts = ['given', 'dropping-particle', 'non-dropping-particle', 'family'];
  if (
    parts
      .map((p) => parsed[p])
      .filter(Boolean)
      .join(' ') !== base
  ) {
    const words = base.split(' ');
    parsed = { given: words.slice(0, -1).join(' '), family: words.at(-1) ?? base };
  }
  return suffix ? { ...parsed, suffix } : parsed;
}

function dateParts(issued: string | null): { 'date-parts': number[][] } | undefined {
  if (!issued) return undefined;
  const parts = issued.split('-').map(Number).filter(Number.isFinite);
  return parts.length > 0 ? { 'date-parts': [parts] } : undefined;
}

/** One record as a CSL-JSON item (CSL 1.0.2: `article` is a preprint). */
function toCsl(record: CitationRecord, index: number): CslData {
  const published = record.journalRef !== null;
  const item: CslData = {
    id: record.arxivId ? `arXiv:${record.arxivId}` : `item-${index + 1}`,
    type: published ? 'article-journal' : 'article',
    title: record.title,
    author: record.authors.map(cslName),
    issued: dateParts(record.issued),
    DOI: record.doi ?? undefined,
    URL: record.url ?? undefined,
    abstract: record.abstract ?? undefined,
    keyword: record.keywords.length > 0 ? record.keywords.join(',') : undefined,
  };
  if (published) {
    item['container-title'] = record.journalRef;
    if (record.arxivId) item.note = `arXiv:${record.arxivId}`;
  } else {
    item.publisher = 'arXiv';
    if (record.arxivId) item.number = `arXiv:${record.arxivId}`;
  }
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
}

/**
 * RIS has one family-name field and citation-js's RIS writer drops CSL particles ("van"), so
 * they are put back in front of the family name: `AU  - van Beethoven, Ludwig`.
 */
function particlesInFamily(item: CslData): CslData {
  const authors = (item.author as Record<string, string>[] | undefined) ?? [];
  const author = authors.map((a) => {
    const { 'non-dropping-particle': particle, ...rest } = a;
    return particle && rest.family ? { ...rest, family: `${particle} ${rest.family}` } : a;
  });
  return { ...item, author };
}

/** BibTeX text of entries (the shape citation-js writes), with unique keys. */
function writeBibtex(entries: BibtexEntry[]): string {
  const used = new Map<string, number>();
  return entries
    .map((entry) => {
      const n = used.get(entry.label) ?? 0;
      used.set(entry.label, n + 1);
      const label = n === 0 ? entry.label : `${entry.label}${String.fromCharCode(96 + n)}`;
      const fields = Object.entries(entry.properties).map(([k, v]) => `\t${k} = {${v}},\n`);
      return `@${entry.type}{${label},\n${fields.join('')}}\n`;
    })
    .join('\n');
}

function bibtex(records: CitationRecord[], csl: CslData[]): string {
  const entries = new Cite(csl).format('bibtex', { format: 'object' });
  entries.forEach((entry, i) => {
    const record = records[i];
    if (!record?.arxivId) return;
    if (record.journalRef === null) entry.type = 'misc';
    delete entry.properties.number;
    entry.properties.eprint = record.arxivId;
    entry.properties.archivePrefix = 'arXiv';
    if (record.primaryCategory) entry.properties.primaryClass = record.primaryCategory;
  });
  return writeBibtex(entries);
}

/** The arXiv id a parsed item names (number, note, URL or DOI), if any. */
function arxivIdOf(item: CslData, eprint: string | undefined): string | null {
  const hints = [eprint, item.number, item.note, item.URL, item.DOI, item.archive_location];
  for (const hint of hints) {
    if (typeof hint !== 'string') continue;
    const text = hint.replace(/^arXiv:\s*/i, '').replace(/^10\.48550\/arXiv\./i, '');
    const id = canonicalArxivId(text.trim()) ?? canonicalArxivId(text.split(/\s/)[0] ?? '');
    if (id) return id;
  }
  return null;
}

function nameText(name: unknown): string {
  const n = (name ?? {}) as Record<string, string | undefined>;
  if (n.literal) return n.literal;
  return [n.given, n['dropping-particle'], n['non-dropping-particle'], n.family, n.suffix]
    .filter(Boolean)
    .join(' ');
}

function fromCsl(item: CslData, eprint: string | undefined): CitationRecord {
  const parts = (item.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0];
  const doi = typeof item.DOI === 'string' ? item.DOI : null;
  const keywords = typeof item.keyword === 'string' ? item.keyword.split(/\s*[,;]\s*/) : [];
  return {
    title: typeof item.title === 'string' ? item.title : '',
    authors: ((item.author as unknown[] | undefined) ?? []).map(nameText).filter(Boolean),
    issued: parts
      ? parts.map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-')
      : null,
    arxivId: arxivIdOf(item, eprint),
    primaryCategory: null,
    doi,
    url: typeof item.URL === 'string' ? item.URL : null,
    abstract: typeof item.abstract === 'string' ? item.abstract : null,
    journalRef: typeof item['container-title'] === 'string' ? item['container-title'] : null,
    keywords: keywords.filter(Boolean),
  };
}

export class CitationJsCodec implements CitationCodec {
  format(records: CitationRecord[], format: CitationFormat): string {
    const csl = records.map(toCsl);
    if (format === 'csl-json') return `${JSON.stringify(csl, null, 2)}\n`;
    if (records.length === 0) return '';
    if (format === 'ris') return `${new Cite(csl.map(particlesInFamily)).format('ris')}\n`;
    return bibtex(records, csl);
  }

  parse(text: string): CitationRecord[] {
    let type: string;
    let items: CslData[];
    try {
      type = plugins.input.type(text.trim());
      items = new Cite(text.trim()).format('data', { format: 'object' });
    } catch (error) {
      throw createError('invalid_input', 'the file is not BibTeX, RIS or CSL-JSON', {
        cause: error,
      });
    }
    // citation-js maps no arXiv eprint field into CSL; read it from the entries themselves.
    const eprints: (string | undefined)[] = type.startsWith('@biblatex/')
      ? (
          plugins.input.chain(text.trim(), {
            target: '@biblatex/entries+list',
            generateGraph: false,
          }) as BibtexEntry[]
        ).map((e) => e.properties.eprint)
      : [];
    return items.map((item, i) => fromCsl(item, eprints[i]));
  }
}
