/**
 * A byline whose names are links to each author's papers here; long author lists are cut to the
 * first few with a count ("et al., 14 authors").
 */
import { authorPath } from '../format.ts';

export function Authors({ names, max = 4 }: { names: string[]; max?: number }) {
  const shown = names.length <= max ? names : names.slice(0, max - 1);
  return (
    <p class="byline">
      {shown.map((name, i) => (
        <>
          {i > 0 && ', '}
          <a href={authorPath(name)}>{name}</a>
        </>
      ))}
      {shown.length < names.length && ` et al. (${names.length} authors)`}
    </p>
  );
}
