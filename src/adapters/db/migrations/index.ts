/**
 * Every migration, in order. Names sort in the order they must run; add new ones at the end.
 * Number ranges by area keep parallel work from colliding: 00xx foundation, 01xx ingestion,
 * 02xx search, 03xx community, 04xx email, 05xx models, 06xx hardening (limits), 07xx engine
 * alignment (PostgreSQL and SQLite storing alike), 08xx web.
 */
import type { Migration } from 'kysely';
import * as init from './0001-init.ts';
import * as jobSchedules from './0002-job-schedules.ts';
import * as embeddingQueue from './0003-embedding-queue.ts';
import * as sourceCursors from './0101-source-cursors.ts';
import * as searchFts from './0201-search-fts.ts';
import * as paperVectors from './0202-paper-vectors.ts';
import * as searchTerms from './0203-search-terms.ts';
import * as paperSignalsIndex from './0204-paper-signals-index.ts';
import * as searchImpacts from './0205-search-impacts.ts';
import * as postgresVectors from './0206-postgres-vectors.ts';
import * as postgresSearch from './0207-postgres-search.ts';
import * as postgresImpacts from './0208-postgres-impacts.ts';
import * as postgresImpactsStale from './0209-postgres-impacts-stale.ts';
import * as postgresSignalsIndex from './0210-postgres-signals-index.ts';
import * as postgresNearest from './0211-postgres-nearest.ts';
import * as community from './0301-community.ts';
import * as paperAuthors from './0302-paper-authors.ts';
import * as apiTokens from './0303-api-tokens.ts';
import * as paperListings from './0304-paper-listings.ts';
import * as emailDigests from './0401-email-digests.ts';
import * as emailQueryVectors from './0402-email-query-vectors.ts';
import * as rateLimits from './0601-rate-limits.ts';
import * as postgresDoublePrecision from './0701-postgres-double-precision.ts';
import * as pendingActions from './0801-pending-actions.ts';
import * as readerLibrary from './0901-reader-library.ts';
import * as embeddingModels from './0902-embedding-models.ts';
import * as followCoauthors from './0903-follow-coauthors.ts';
import * as readerFeedKeys from './0904-reader-feed-keys.ts';
import * as emailAlertKeywords from './0905-email-alert-keywords.ts';

export const migrations: Record<string, Migration> = {
  '0001-init': init,
  '0002-job-schedules': jobSchedules,
  '0003-embedding-queue': embeddingQueue,
  '0101-source-cursors': sourceCursors,
  '0201-search-fts': searchFts,
  '0202-paper-vectors': paperVectors,
  '0203-search-terms': searchTerms,
  '0204-paper-signals-index': paperSignalsIndex,
  '0205-search-impacts': searchImpacts,
  '0206-postgres-vectors': postgresVectors,
  '0207-postgres-search': postgresSearch,
  '0208-postgres-impacts': postgresImpacts,
  '0209-postgres-impacts-stale': postgresImpactsStale,
  '0210-postgres-signals-index': postgresSignalsIndex,
  '0211-postgres-nearest': postgresNearest,
  '0301-community': community,
  '0302-paper-authors': paperAuthors,
  '0303-api-tokens': apiTokens,
  '0304-paper-listings': paperListings,
  '0401-email-digests': emailDigests,
  '0402-email-query-vectors': emailQueryVectors,
  '0601-rate-limits': rateLimits,
  '0701-postgres-double-precision': postgresDoublePrecision,
  '0801-pending-actions': pendingActions,
  '0901-reader-library': readerLibrary,
  '0902-embedding-models': embeddingModels,
  '0903-follow-coauthors': followCoauthors,
  '0904-reader-feed-keys': readerFeedKeys,
  '0905-email-alert-keywords': emailAlertKeywords,
};
