/**
 * Subscriptions and digests. Alerts match with the search's query language, index, embedder and
 * vectors (core/digests/search-alert-source.ts); the trending digest ranks by the community's
 * trending score (core/digests/community-trending.ts).
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loadSecretIfMigrated } from '../adapters/db/instance-secret.ts';
import { KyselyBounceCounter } from '../adapters/db/kysely-bounce-counter.ts';
import { KyselyDigestLedger } from '../adapters/db/kysely-digest-ledger.ts';
import { KyselyNewPapers } from '../adapters/db/kysely-new-papers.ts';
import { KyselyQueryVectorCache } from '../adapters/db/kysely-query-vector-cache.ts';
import { KyselySendLock } from '../adapters/db/kysely-send-lock.ts';
import { KyselySubscriptionRepo } from '../adapters/db/kysely-subscription-repo.ts';
import type { Database } from '../adapters/db/schema.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../core/clock.ts';
import type { CommunityContext } from '../core/community/context.ts';
import { communityTrendingSource } from '../core/digests/community-trending.ts';
import { createLinks } from '../core/digests/links.ts';
import type { DigestSettings } from '../core/digests/model.ts';
import type { DeliveryOutcomes, ForYouSource } from '../core/digests/ports.ts';
import { searchAlertSource } from '../core/digests/search-alert-source.ts';
import type { SendDeps } from '../core/digests/send-digests.ts';
import type { SubscriptionDeps } from '../core/digests/subscription-deps.ts';
import type { Logger } from '../core/logger.ts';
import type { Mailer } from '../core/mail/ports.ts';
import type { PaperRepo } from '../core/papers/ports.ts';
import type { SearchDeps } from '../core/search/search-papers.ts';
import type { StoreUpkeep } from '../core/store/ports.ts';

export async function wireEmail(
  config: Config,
  db: Kysely<Database>,
  deps: {
    papers: PaperRepo;
    mailer: Mailer;
    clock: Clock;
    log: Logger;
    search: SearchDeps;
    community: CommunityContext;
    outcomes: DeliveryOutcomes;
    upkeep: StoreUpkeep;
    /** For-you digests (core/recs/for-you-digests.ts). */
    forYou: ForYouSource;
  },
) {
  const subscriptions = new KyselySubscriptionRepo(db);
  const digests = new KyselyDigestLedger(db);
  // The instance secret (shared with CSRF tokens), read now because links are built
  // synchronously. Without a migrated store (doctor, migrate) there is none yet: links then refuse.
  const secret = config.secret ?? (await loadSecretIfMigrated(db, deps.clock.now().toISOString()));
  const links = createLinks({
    baseUrl: config.baseUrl,
    secret: secret ? linkKey(secret) : null,
    clock: deps.clock,
    unsubscribeMailbox: config.unsubscribeMailbox ?? mailboxOf(config.mailFrom),
  });
  const settings: DigestSettings = {
    sendHour: config.digestSendHour,
    trendingSize: config.digestTrendingSize,
    alertSize: config.digestAlertSize,
    minScore: config.digestMinScore,
    maxBounces: config.digestMaxBounces,
    mailDomain: new URL(config.baseUrl).hostname,
  };
  const log = deps.log.child({ component: 'email' });
  const alerts = searchAlertSource({
    search: deps.search,
    newPapers: new KyselyNewPapers(db, deps.papers),
    queryVectors: new KyselyQueryVectorCache(db, deps.clock),
    log,
  });
  const subscriptionDeps: SubscriptionDeps = {
    subscriptions,
    alerts,
    mailer: deps.mailer,
    links,
    clock: deps.clock,
    log,
    defaultTimeZone: config.feedTimeZone,
  };
  const digestDeps: SendDeps = {
    subscriptions,
    ledger: digests,
    outcomes: deps.outcomes,
    bounces: new KyselyBounceCounter(db),
    sendLock: new KyselySendLock(db),
    housekeeping: deps.upkeep,
    trending: communityTrendingSource(deps.community),
    alerts,
    forYou: deps.forYou,
    clock: deps.clock,
    log,
    settings,
    papers: deps.papers,
    mailer: deps.mailer,
    links,
  };
  return { subscriptions, digests, subscriptionDeps, digestDeps };
}

/** A key of its own for mailed links, derived from the instance secret (not the CSRF key). */
function linkKey(secret: string): string {
  return createHmac('sha256', secret).update('paperboy mail links v1').digest('hex');
}

/** The bare address in a From value such as `paperboy <papers@example.org>`. */
function mailboxOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
