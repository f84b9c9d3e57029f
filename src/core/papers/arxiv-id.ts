/**
 * arXiv identifiers: parsing every shape people paste (ids, versions, abs/pdf URLs, `arXiv:` prefixes)
 * into one canonical form, and building the abs/PDF links back from it.
 * Formats: https://info.arxiv.org/help/arxiv_identifier.html
 */

/** A parsed arXiv identifier. `id` is canonical: no version, lower-case archive for old style. */
export interface ArxivId {
  /** Canonical id without version, e.g. `2401.01234` or `hep-th/9901001`. */
  id: string;
  /** Version number when the input named one (`v2` → 2), else null. */
  version: number | null;
  /** `new` for YYMM.NNNN(N) ids (April 2007 on), `old` for archive/YYMMNNN ids. */
  style: 'new' | 'old';
}

// New style: YYMM.NNNN (2007-04 … 2014-12) or YYMM.NNNNN (2015 on).
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d+))?$/;
// Old style: archive(.SUBJ)?/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.([A-Z]{2}))?\/(\d{2})(\d{2})(\d{3})(?:v(\d+))?$/;
const URL_PATH = /^\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?\/?$/;

/**
 * Parses an arXiv id or arxiv.org URL. Returns null for anything else (never throws).
 * Accepts `2401.01234`, `2401.01234v2`, `arXiv:2401.01234`, `hep-th/9901001v1`,
 * `https://arxiv.org/abs/2401.01234v2`, `https://arxiv.org/pdf/2401.01234.pdf`.
 */
export function parseArxivId(input: string): ArxivId | null {
  if (typeof input !== 'string' || input.length > 300) return null;
  let text = input.trim();
  const fromUrl = extractFromUrl(text);
  if (fromUrl !== undefined) {
    if (fromUrl === null) return null;
    text = fromUrl;
  }
  text = text.replace(/^arxiv:/i, '');
  const modern = NEW_STYLE.exec(text);
  if (modern) {
    const [, yy, mm, num, v] = modern;
    if (!validMonth(mm) || !validVersion(v) || (num?.length === 5 && Number(yy) < 15)) return null;
    if (num?.length === 4 && Number(yy) >= 15) return null;
    return { id: `${yy}${mm}.${num}`, version: parseVersion(v), style: 'new' };
  }
  const legacy = OLD_STYLE.exec(text.replace(/^([A-Za-z-]+)/, (a) => a.toLowerCase()));
  if (legacy) {
    // The subject class (math.GT/…) is not part of the identifier: math.GT/0309136 is math/0309136.
    const [, archive, , yy, mm, num, v] = legacy;
    if (!validMonth(mm) || !validVersion(v)) return null;
    return { id: `${archive}/${yy}${mm}${num}`, version: parseVersion(v), style: 'old' };
  }
  return null;
}

/** Canonical id of `input`, or null when it is not an arXiv id. */
export function canonicalArxivId(input: string): string | null {
  return parseArxivId(input)?.id ?? null;
}

/** The arXiv abstract page of a paper (a specific version when given). */
export function arxivAbsUrl(id: string, version?: number | null): string {
  return `https://arxiv.org/abs/${id}${version ? `v${version}` : ''}`;
}

/** The arXiv PDF of a paper (a specific version when given). */
export function arxivPdfUrl(id: string, version?: number | null): string {
  return `https://arxiv.org/pdf/${id}${version ? `v${version}` : ''}`;
}

/** undefined: not a URL; null: a URL but not an arXiv paper URL; string: the id part. */
function extractFromUrl(text: string): string | null | undefined {
  if (!/^(https?:\/\/|(www\.|export\.)?arxiv\.org\/)/i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (!/(^|\.)arxiv\.org$/i.test(url.hostname)) return null;
  const match = URL_PATH.exec(url.pathname);
  return match?.[1] ? decodeUriOrNull(match[1]) : null;
}

/**
 * `decodeURIComponent` that answers null for a malformed escape (`%E0`, `%zz`) instead of throwing
 * URIError: a path or URL someone typed is input, and bad input is "not found", not a crash.
 */
export function decodeUriOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function validMonth(mm: string | undefined): boolean {
  const m = Number(mm);
  return m >= 1 && m <= 12;
}

function validVersion(v: string | undefined): boolean {
  return v === undefined || Number(v) >= 1;
}

function parseVersion(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  return n >= 1 ? n : null;
}
