/**
 * Minimal XML writing for feeds: escaping for text and attributes, and removal of characters XML
 * 1.0 forbids (C0 controls other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF), which
 * real abstracts do contain and which make a whole feed unreadable.
 */

const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the controls XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name>escaped text</name>`. */
export function el(name: string, text: string): string {
  return `<${name}>${xmlEscape(text)}</${name}>`;
}
