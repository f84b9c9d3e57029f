/**
 * The community's ports — accounts, votes, comments, submissions, collections, moderation,
 * trending — on the store, with the settings they read.
 */
import type { Kysely } from 'kysely';
import { KyselyApiTokenRepo } from '../adapters/db/kysely-api-token-repo.ts';
import { KyselyAuditLog } from '../adapters/db/kysely-audit-log.ts';
import { KyselyAuthorIndex } from '../adapters/db/kysely-author-index.ts';
import { KyselyCollectionRepo } from '../adapters/db/kysely-collection-repo.ts';
import { KyselyCommentRepo } from '../adapters/db/kysely-comment-repo.ts';
import { KyselyPendingActionRepo } from '../adapters/db/kysely-pending-action-repo.ts';
import { KyselySubmissionRepo } from '../adapters/db/kysely-submission-repo.ts';
import {
  KyselyLoginTokenRepo,
  KyselySessionRepo,
  KyselyUserRepo,
} from '../adapters/db/kysely-user-repo.ts';
import { KyselyTrendingRepo, KyselyVoteRepo } from '../adapters/db/kysely-vote-repo.ts';
import type { Database } from '../adapters/db/schema.ts';
import { MarkdownItRenderer } from '../adapters/markdown/markdown-it-renderer.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../core/clock.ts';
import type { CommunityContext } from '../core/community/context.ts';
import type { IngestStore } from '../core/ingest/ports.ts';
import type { Logger } from '../core/logger.ts';
import type { Mailer } from '../core/mail/ports.ts';
import type { PaperFetcher, PaperRepo } from '../core/papers/ports.ts';

export function wireCommunity(
  config: Config,
  db: Kysely<Database>,
  deps: {
    papers: PaperRepo;
    fetcher: PaperFetcher;
    ingest: IngestStore;
    mailer: Mailer;
    clock: Clock;
    log: Logger;
  },
): CommunityContext {
  const votes = new KyselyVoteRepo(db);
  return {
    users: new KyselyUserRepo(db),
    sessions: new KyselySessionRepo(db),
    apiTokens: new KyselyApiTokenRepo(db),
    loginTokens: new KyselyLoginTokenRepo(db),
    pendingActions: new KyselyPendingActionRepo(db),
    votes,
    stats: votes,
    trending: new KyselyTrendingRepo(db),
    comments: new KyselyCommentRepo(db),
    submissions: new KyselySubmissionRepo(db),
    collections: new KyselyCollectionRepo(db),
    audit: new KyselyAuditLog(db),
    authors: new KyselyAuthorIndex(db),
    markdown: new MarkdownItRenderer(),
    papers: deps.papers,
    fetcher: deps.fetcher,
    storeFetched: (fetched) => deps.ingest.commitPage(fetched, null),
    mailer: deps.mailer,
    clock: deps.clock,
    log: deps.log.child({ component: 'community' }),
    settings: {
      baseUrl: config.baseUrl,
      feedTimeZone: config.feedTimeZone,
      magicLinkMinutes: config.magicLinkMinutes,
      sessionDays: config.sessionDays,
      submission: { maxAgeDays: config.submitMaxAgeDays, dailyQuota: config.submitDailyQuota },
      trending: {
        gravity: config.trendingGravity,
        windowDays: config.trendingWindowDays,
        minPapers: config.trendingMinPapers,
      },
    },
  };
}
