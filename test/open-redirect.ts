/**
 * Shared by the open-redirect tests (issue 13, item 4): strings an attacker would put in `next`,
 * and the check that a browser following the answer stays on this site.
 */
import fc from 'fast-check';

export const SITE = 'https://paperboy.example';

/** True when a browser following `Location: path` from SITE stays on SITE. */
export function staysOnSite(path: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a header value must hold none
  if (/[\u0000-\u0020\u007f-\uffff\\]/.test(path)) return false;
  if (!path.startsWith('/') || path.startsWith('//')) return false;
  return new URL(path, `${SITE}/some/page`).origin === SITE;
}

/** Pieces an attacker mixes: raw and percent-encoded control characters, slashes, hosts. */
export const NEXT_PIECES = [
  '/',
  '//',
  '\\',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\0',
  '\u001f',
  '\u007f',
  ' ',
  '%09',
  '%0a',
  '%0D',
  '%00',
  '%0b',
  '%2f',
  '%2F',
  '%5c',
  '%',
  '.',
  '..',
  '@',
  ':',
  'http:',
  'https:',
  'javascript:',
  'evil.example',
  '?next=',
  '#',
  'papers',
  '\u3002',
  '\uff0f',
  '\u2215',
];

/** Strings made of NEXT_PIECES, half of them starting with `/` as real paths do. */
export const nextValue = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...NEXT_PIECES), { maxLength: 8 }))
  .map(([slash, parts]) => `${slash ? '/' : ''}${parts.join('')}`);
