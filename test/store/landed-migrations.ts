/**
 * The migrations each landed commit had: the schema a store made by that commit is in. The
 * migration test builds a store with each set, fills it with rows written by today's repos (the
 * columns that schema has), migrates it to the latest schema and checks nothing was lost. When a
 * commit that adds migrations lands, add its set here (the names in
 * src/adapters/db/migrations/index.ts at that commit).
 */
export interface LandedMigrations {
  commit: string;
  migrations: string[];
  /** Fields the repos read today that a store of this commit could not hold (left out of comparisons). */
  newerFields: string[];
  /** Tables whose rows this schema cannot hold on an engine (it could not run there then). */
  cannotHold?: { postgres?: string[]; sqlite?: string[] };
}

const BEFORE_POSTGRES = [
  '0001-init',
  '0002-job-schedules',
  '0003-embedding-queue',
  '0101-source-cursors',
  '0201-search-fts',
  '0202-paper-vectors',
  '0203-search-terms',
  '0204-paper-signals-index',
  '0205-search-impacts',
  '0301-community',
  '0302-paper-authors',
  '0401-email-digests',
  '0402-email-query-vectors',
];

/** The set of 628f93a: the impact index on PostgreSQL (0208, 0209) and all before it. */
const IMPACTS_ON_POSTGRES = [
  ...BEFORE_POSTGRES,
  '0206-postgres-vectors',
  '0207-postgres-search',
  '0208-postgres-impacts',
  '0209-postgres-impacts-stale',
  '0303-api-tokens',
  '0304-paper-listings',
  '0601-rate-limits',
  '0701-postgres-double-precision',
  '0801-pending-actions',
];

/** What a store from before For you (0901) cannot hold: follows, and the feed-key generation (0904). */
const BEFORE_FOR_YOU = ['follows', 'feedKeyGeneration'];
/** Subscription fields of 0905 (include/exclude keywords), which older stores cannot hold. */
const ALERT_KEYWORDS = ['includeTerms', 'excludeTerms'];

export const LANDED: LandedMigrations[] = [
  // The last commit on SQLite alone (PostgreSQL could not run this set then; built here with
  // today's migration code, whose SQLite output is unchanged since).
  {
    commit: '8089eee',
    migrations: BEFORE_POSTGRES,
    newerFields: ['featuredAt', 'listing', ...BEFORE_FOR_YOU, ...ALERT_KEYWORDS],
    cannotHold: { postgres: ['paper_vectors'] },
  },
  // PostgreSQL as a second engine (pgvector vectors).
  {
    commit: 'e7061ca',
    migrations: [...BEFORE_POSTGRES, '0206-postgres-vectors'],
    newerFields: ['featuredAt', 'listing', ...BEFORE_FOR_YOU, ...ALERT_KEYWORDS],
  },
  // Hugging Face listings (0304).
  {
    commit: '4aa1a38',
    migrations: [...BEFORE_POSTGRES, '0206-postgres-vectors', '0304-paper-listings'],
    newerFields: [...BEFORE_FOR_YOU, ...ALERT_KEYWORDS],
  },
  // Search on PostgreSQL, API tokens, rate limits, double precision, pending actions.
  {
    commit: 'ad7897c',
    migrations: [
      ...BEFORE_POSTGRES,
      '0206-postgres-vectors',
      '0207-postgres-search',
      '0303-api-tokens',
      '0304-paper-listings',
      '0601-rate-limits',
      '0701-postgres-double-precision',
      '0801-pending-actions',
    ],
    newerFields: [...BEFORE_FOR_YOU, ...ALERT_KEYWORDS],
  },
  // The impact-ordered keyword index on PostgreSQL (0208, 0209).
  {
    commit: '628f93a',
    migrations: IMPACTS_ON_POSTGRES,
    newerFields: [...BEFORE_FOR_YOU, ...ALERT_KEYWORDS],
  },
  // Reader libraries and For you (0901), serving/target embedding models (0902).
  {
    commit: 'b7ed3ee',
    migrations: [...IMPACTS_ON_POSTGRES, '0901-reader-library', '0902-embedding-models'],
    newerFields: ['coauthors', 'feedKeyGeneration', ...ALERT_KEYWORDS],
  },
  // Author follows of one person (0903, co-authors) and revocable feed URLs (0904).
  {
    commit: '5173da1',
    migrations: [
      ...IMPACTS_ON_POSTGRES,
      '0901-reader-library',
      '0902-embedding-models',
      '0903-follow-coauthors',
      '0904-reader-feed-keys',
    ],
    newerFields: ALERT_KEYWORDS,
  },
  // Include/exclude keywords on email subscriptions (0905): the merge of branch alerts.
  {
    commit: '3cf63d9',
    migrations: [
      ...IMPACTS_ON_POSTGRES,
      '0901-reader-library',
      '0902-embedding-models',
      '0903-follow-coauthors',
      '0904-reader-feed-keys',
      '0905-email-alert-keywords',
    ],
    newerFields: [],
  },
];
