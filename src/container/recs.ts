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

export interface RecsContext {
  library: ReaderLibraryRepo;
  matcher: PaperMatcher;
  /** What importLibrary needs. */
  importDeps: ImportDeps;
}

export function wireRecs(
  db: Kysely<Database>,
  deps: { community: CommunityContext; codec: CitationCodec },
): RecsContext {
  const repo = new KyselyReaderLibrary(db);
  const { community } = deps;
  return {
    library: repo,
    matcher: repo,
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
