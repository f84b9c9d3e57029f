/**
 * A data directory with digests due (shared by the kill test and `npm run bench:digest-kill`).
 */
import { createContainer } from '../../src/container.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { sendDigests } from '../../src/core/digests/send-digests.ts';
import { subscribe } from '../../src/core/digests/subscribe.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { testConfig } from '../db.ts';
import { buildFeaturedPaper, buildPaper } from '../factories.ts';

/**
 * Subscribers in four time zones to trending (daily and weekly), saved searches and authors,
 * some with several subscriptions; papers featured last week and added since they confirmed.
 * Returns the digests due at `now` (`<subscription>/<period>`), from a dry run.
 */
export async function seedDueDigests(
  dataDir: string,
  env: Record<string, string | undefined>,
  now: string,
  subscribers = 36,
): Promise<string[]> {
  const clock = fixedClock('2026-08-23T09:00:00Z');
  const config = testConfig(dataDir, {
    PAPERBOY_BASE_URL: env.PAPERBOY_BASE_URL ?? '',
    SMTP_HOST: env.SMTP_HOST ?? '',
    SMTP_PORT: env.SMTP_PORT ?? '',
  });
  const c = await createContainer(config, { log: createMemoryLogger(), clock });
  try {
    await c.papers.upsertMany(
      Array.from({ length: 12 }, (_, i) =>
        buildFeaturedPaper(`2026-08-${20 + (i % 3)}`, 100 - i, { title: `Featured paper ${i}` }),
      ),
    );
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];
    const kinds: [string, string, string][] = [
      ['trending', '', 'daily'],
      ['search', 'graph neural networks', 'daily'],
      ['search', 'diffusion models', 'daily'],
      ['author', 'Ada Lovelace', 'daily'],
      ['trending', '', 'weekly'],
    ];
    for (let i = 0; i < subscribers; i++) {
      const [kind, query, cadence] = kinds[i % kinds.length] ?? ['trending', '', 'daily'];
      const email = `reader${i}@example.org`;
      const timeZone = zones[i % zones.length] ?? 'UTC';
      await subscribe(c.subscriptionDeps, {
        email,
        kind,
        query,
        cadence,
        timeZone,
        verified: true,
      });
      if (i % 4 === 0) {
        await subscribe(c.subscriptionDeps, {
          email,
          kind: 'search',
          query: 'graph neural networks',
          timeZone,
          verified: true,
        });
      }
    }
    clock.advance(3_600_000);
    const topics = ['Graph neural networks', 'Diffusion models', 'Protein folding'];
    await c.papers.upsertMany(
      Array.from({ length: 9 }, (_, i) =>
        buildPaper({
          title: `${topics[i % 3]} study ${i}`,
          authors: i % 2 ? ['Ada Lovelace'] : ['Grace Hopper'],
          submittedAt: '2026-08-22T12:00:00Z',
        }),
      ),
    );
    const dry = await sendDigests(
      { ...c.digestDeps, clock: fixedClock(now) },
      { dryRun: true, lockOwner: 'seed' },
    );
    return dry.plan.planned
      .filter((p) => p.digest.status === 'pending')
      .map((p) => `${p.subscription.id}/${p.digest.period}`);
  } finally {
    await c.close();
  }
}
