/**
 * XML parsing for source adapters (arXiv Atom and OAI-PMH), over fast-xml-parser. Bodies are
 * validated first, so a truncated or garbled response becomes one typed `source_malformed` error
 * instead of a half-read document. Namespaces prefixes are dropped (`arxiv:doi` → `doi`), values
 * stay strings (ids like `0704.0001` must not become numbers).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createError } from '../../core/errors.ts';

export { collapse, isoInstant } from './normalize.ts';

/** A parsed XML element: child elements and `@_attr` attributes by name, text under `#text`. */
export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** Responses larger than this are refused before parsing (arXiv pages are a few MB at most). */
const MAX_XML_CHARS = 64 * 1024 * 1024;

/**
 * Parses `text` as XML. `arrayTags` are always arrays even when they occur once (entries,
 * authors, records…). Throws `source_malformed` naming `source` for anything that is not
 * well-formed XML.
 */
export function parseXml(source: string, text: string, arrayTags: ReadonlySet<string>): XmlNode {
  if (typeof text !== 'string' || text.length > MAX_XML_CHARS) {
    throw createError('source_malformed', source, 'the response is too large or not text');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const where = `line ${valid.err.line}, column ${valid.err.col}`;
    throw createError('source_malformed', source, `invalid XML at ${where}: ${valid.err.msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => arrayTags.has(name),
  });
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw createError('source_malformed', source, `invalid XML: ${why}`, { cause });
  }
  if (!isNode(doc)) throw createError('source_malformed', source, 'the response is empty');
  return doc;
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The child element `name` of `node` as a node, or undefined. */
export function child(node: XmlValue | undefined, name: string): XmlNode | undefined {
  if (!isNode(node)) return undefined;
  const value = first(node[name]);
  if (isNode(value)) return value;
  // An element with only text parses as a string; expose it as a node with #text.
  return typeof value === 'string' ? { '#text': value } : undefined;
}

/** Every child element `name` of `node` (zero, one or many). */
export function children(node: XmlValue | undefined, name: string): XmlValue[] {
  if (!isNode(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text content of an element (string or node with #text), trimmed; '' when absent. */
export function textOf(value: XmlValue | undefined): string {
  const v = first(value);
  if (typeof v === 'string') return v.trim();
  if (isNode(v)) {
    const t = v['#text'];
    return typeof t === 'string' ? t.trim() : '';
  }
  return '';
}

/** The text of child element `name`, or null when it is absent or empty. */
export function childText(node: XmlValue | undefined, name: string): string | null {
  if (!isNode(node)) return null;
  const text = textOf(node[name]);
  return text === '' ? null : text;
}

/** Attribute `name` of an element, or null. */
export function attr(value: XmlValue | undefined, name: string): string | null {
  const v = first(value);
  if (!isNode(v)) return null;
  const a = v[`@_${name}`];
  return typeof a === 'string' ? a : null;
}

function first(value: XmlValue | undefined): XmlValue | undefined {
  return Array.isArray(value) ? value[0] : value;
}
