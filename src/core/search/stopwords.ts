/**
 * Common English words that carry no topic: dropped from keyword queries (kept inside phrases)
 * and never chosen as key terms of a paper. Engine-neutral, so every search adapter drops the same.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further had ' +
    'has have having he her here hers herself him himself his how i if in into is it its itself just ' +
    'me more most my myself no nor not now of off on once only or other our ours ourselves out over ' +
    'own same she should so some such than that the their theirs them themselves then there these they ' +
    'this those through to too under until up very was we were what when where which while who whom ' +
    'why will with would you your yours yourself yourselves im looking find papers paper interested'
  ).split(/\s+/),
);

/** The query's words minus stop words (all of them when nothing else is left), deduplicated. */
export function keyTerms(words: string[]): string[] {
  const unique = [...new Set(words)];
  const kept = unique.filter((w) => !STOPWORDS.has(w));
  return kept.length > 0 ? kept : unique;
}
