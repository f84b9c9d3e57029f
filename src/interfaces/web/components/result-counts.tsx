/**
 * Honest result counts on the search page: how many papers match the words, how many more only
 * come close in meaning, the visible boundary between the two, a known author's offer, and the
 * page for a search that finds nothing (spelling suggestions from the store's own words, tips).
 */
import { authorQuery } from '../../../core/search/author-query.ts';
import type { Count, SearchResult } from '../../../core/search/search-papers.ts';

/** "1,234", or "1,000+" when the count is a lower bound. */
export function formatCount(c: Count): string {
  return `${c.count.toLocaleString('en-US')}${c.atLeast ? '+' : ''}`;
}

function papers(c: Count): string {
  return `${formatCount(c)} paper${c.count === 1 && !c.atLeast ? '' : 's'}`;
}

/** The count line: "N papers match your words · M more close in meaning". */
export function ResultCounts({
  result,
  retry,
}: {
  result: SearchResult;
  retry: (q: string) => string;
}) {
  const { words, meaning } = result.counts;
  const filterOnly = result.query.words.length === 0 && result.query.phrases.length === 0;
  const listed = result.boundary;
  return (
    <div class="result-counts">
      <p class="subtitle" data-words={words.count} data-meaning={meaning.count}>
        {filterOnly ? (
          <>{papers(words)} match your filters</>
        ) : (
          <>
            <strong>{papers(words)}</strong> match{words.count === 1 && !words.atLeast ? 'es' : ''}{' '}
            your words
            {result.mode !== 'lexical' && (
              <>
                {' '}
                · <strong>{formatCount(meaning)}</strong> more close in meaning
              </>
            )}
          </>
        )}
        {words.count > listed && listed > 0 && (
          <> · the {listed.toLocaleString('en-US')} most relevant are listed</>
        )}
      </p>
      <Suggestions result={result} retry={retry} />
      {result.author && (
        <p class="notice author-offer">
          Papers by <strong>{result.author.name}</strong> come first ({result.author.total} here).{' '}
          <a href={`/search?q=${encodeURIComponent(authorQuery(result.author.name))}`}>
            Only papers by {result.author.name}
          </a>{' '}
          · <a href={`/authors/${encodeURIComponent(result.author.name)}`}>author page</a>
        </p>
      )}
    </div>
  );
}

/** The boundary before the first meaning-only result: a heading between two lists. */
export function MeaningBoundary({ count }: { count: Count }) {
  return (
    <h2 class="boundary">
      {formatCount(count)} more close in meaning{' '}
      <span class="muted">— they do not hold enough of your words</span>
    </h2>
  );
}

/** When nothing matches: what was not found, spelling suggestions, and what to try. */
export function NoResults({
  result,
  retry,
}: {
  result: SearchResult;
  retry: (q: string) => string;
}) {
  const corrected = correctedQuery(result);
  const unknown = result.suggestions.map((s) => s.word);
  return (
    <section class="no-results" aria-labelledby="no-results-heading">
      <h2 id="no-results-heading">No papers match “{result.query.raw}”</h2>
      {unknown.length > 0 && (
        <p>
          No paper here holds {unknown.length === 1 ? 'the word' : 'the words'}{' '}
          {unknown.map((w, i) => (
            <>
              {i > 0 && ', '}
              <q>{w}</q>
            </>
          ))}
          .
        </p>
      )}
      {corrected && (
        <p class="suggestion">
          Did you mean <a href={retry(corrected)}>{corrected}</a>?
        </p>
      )}
      <ul>
        <li>Check the spelling, or use fewer or more common words.</li>
        <li>Remove a filter (category, author, year) if you set one.</li>
        <li>
          To find papers by meaning rather than words, paste an abstract into “Find papers similar
          to an abstract” below.
        </li>
      </ul>
    </section>
  );
}

/** Words no paper holds, and the query with them corrected when the store knows better. */
function Suggestions({ result, retry }: { result: SearchResult; retry: (q: string) => string }) {
  if (result.suggestions.length === 0) return null;
  const corrected = correctedQuery(result);
  return (
    <p class="notice suggestion">
      No paper here holds{' '}
      {result.suggestions.map((s, i) => (
        <>
          {i > 0 && ', '}
          <q>{s.word}</q>
        </>
      ))}
      .
      {corrected && (
        <>
          {' '}
          Did you mean <a href={retry(corrected)}>{corrected}</a>?
        </>
      )}
    </p>
  );
}

/** The query with every misspelt word replaced by its suggestion, or null if none. */
function correctedQuery(result: SearchResult): string | null {
  const fixes = new Map(
    result.suggestions.flatMap((s) => (s.suggestion ? [[s.word, s.suggestion] as const] : [])),
  );
  if (fixes.size === 0) return null;
  return result.query.raw
    .split(/(\s+)/)
    .map((part) => fixes.get(part.toLowerCase()) ?? part)
    .join('');
}
