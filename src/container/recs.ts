/**
 * For you's ports on the store: the reader's own data (imports, marks, follows, settings) and the
 * paper lookups library imports match with; the import use case's dependencies.
 */
import type { Kysely } from 'kysely';
import { KyselyReaderLibrary } from '../adapters/db/kysely-reader-library.ts';
import type { Database } from '../adapters/db/schema.ts';
import type { CommunityContext } from '../core/community/context.ts';
import type { CitationCodec } from '../core/papers/ports.ts';
import type { ImportDeps } from '../core/recs/import-library.ts';
import type { PaperMatcher, ReaderLibraryRepo } from '../core/recs/ports.ts';
import type { ChoiceDeps } from '../core/recs/reader-choices.ts';
import type { ForYouDeps } from '../core/recs/recommend-for-reader.ts';
import type { SearchDeps } from '../core/search/search-papers.ts';

export interface RecsContext {
  library: ReaderLibraryRepo;
  matcher: PaperMatcher;
  /** What importLibrary needs. */
  importDeps: ImportDeps;
  /** What recommendForReader needs. */
  forYou: ForYouDeps;
  /** What the reader's marks, follows and picks (reader-choices.ts) need. */
  choices: ChoiceDeps;
}

export function wireRecs(
  db: Kysely<Database>,
  deps: { community: CommunityContext; codec: CitationCodec; search: SearchDeps },
): RecsContext {
  const repo = new KyselyReaderLibrary(db);
  const { community } = deps;
  const { papers, clock } = community;
  return {
    library: repo,
    matcher: repo,
    forYou: { library: repo, papers, vectors: deps.search.vectors, clock },
    choices: { library: repo, papers, authors: community.authors, clock },
    importDeps: {
      codec: deps.codec,
      papers: community.papers,
      matcher: repo,
      library: repo,
      // Looked up at call time, so tests (and later wiring) can replace the community's fetcher.
      get fetcher() {
        return community.fetcher;
      },
      storeFetched: (papers) => community.storeFetched(papers),
      clock: community.clock,
    },
  };
}
