/**
 * Puts rows in every table of a store (either engine) for `store copy` tests: papers through the
 * real write path, everything else as typed rows — awkward values included (a reply stored before
 * the comment it answers, a score that float32 cannot hold exactly, bytes, vectors, NULLs).
 */
import type { Kysely } from 'kysely';
import { KyselyPaperRepo } from '../src/adapters/db/kysely-paper-repo.ts';
import type { Database } from '../src/adapters/db/schema.ts';
import { fixedClock } from '../src/core/clock.ts';
import { buildFeaturedPaper, buildPaper } from './factories.ts';

const AT = '2026-08-22T12:00:00.000Z';

/** Float32 bytes of `values`, as SQLite stores vectors. */
export function vectorBlob(values: number[]): Buffer {
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer);
}

/** Fills every table; `papers` extra papers come from the factories (ids 2605.xxxxx). */
export async function fillStore(
  db: Kysely<Database>,
  engine: 'sqlite' | 'postgres',
  papers = 3,
): Promise<void> {
  const list = [
    buildFeaturedPaper('2026-08-20', 7, { id: '2608.00001', title: 'Üñíçødé title — “quoted”' }),
    ...Array.from({ length: papers }, (_, i) =>
      buildPaper({ id: `2605.${String(i).padStart(5, '0')}`, abstract: `abstract ${i}\n\ttab` }),
    ),
  ];
  await new KyselyPaperRepo(db, fixedClock(AT)).upsertMany(list);
  const pid = '2608.00001';
  await db
    .insertInto('paper_listings')
    .values({
      paper_id: pid,
      listed_at: AT,
      discussion_id: 'disc1',
      submitter: '{"name":"ada"}',
      organization: null,
      authors: '[{"name":"Ada","hidden":false}]',
      media_urls: '[]',
      author_participating: 1,
      github_repo_added_by: null,
      ai_summary_model: 'm',
    })
    .execute();
  await db
    .updateTable('featured_days')
    .set({ featured_at: AT })
    .where('paper_id', '=', pid)
    .execute();
  await db
    .insertInto('settings')
    .values({ key: 'instance.secret', value: 's3cret', updated_at: AT })
    .execute();
  await db
    .insertInto('job_schedules')
    .values({
      name: 'digests:send',
      next_run_at: AT,
      last_started_at: null,
      last_success_at: AT,
      last_error: 'it broke\nonce',
      error_count: 2,
      lease_owner: null,
      lease_until: null,
    })
    .execute();
  await db.insertInto('embedding_queue').values({ paper_id: pid, queued_at: AT }).execute();
  await db
    .insertInto('source_cursors')
    .values({
      source: 'snapshot',
      set_spec: '/tmp/x.json',
      state: '{"line":3}',
      pages: 2,
      records: 30,
      updated_at: AT,
    })
    .execute();
  const vector = vectorBlob([0.1, -0.25, 1 / 3, 1e-7]);
  const vectorRow = {
    paper_id: pid,
    model_id: 'use-lite@1',
    dimensions: 4,
    text_hash: 'h1',
    embedded_at: AT,
  };
  await db
    .insertInto('paper_vectors')
    .values(
      engine === 'postgres'
        ? { ...vectorRow, vector: null, embedding: '[0.1,-0.25,0.33333334,1e-7]' }
        : { ...vectorRow, vector },
    )
    .execute();
  await db
    .insertInto('users')
    .values([
      {
        id: 'u1',
        email: 'ada@example.org',
        handle: 'ada',
        display_name: 'Ada',
        password_hash: null,
        role: 'admin',
        banned_at: null,
        ban_reason: null,
        created_at: AT,
      },
      {
        id: 'u2',
        email: 'bob@example.org',
        handle: 'bob',
        display_name: 'Bob',
        password_hash: 'scrypt$1$2$3$s$h',
        role: 'member',
        banned_at: AT,
        ban_reason: 'spam',
        created_at: AT,
      },
    ])
    .execute();
  await db
    .insertInto('sessions')
    .values({ id_hash: 'sh1', user_id: 'u1', created_at: AT, expires_at: AT })
    .execute();
  await db
    .insertInto('login_tokens')
    .values({
      token_hash: 'th1',
      email: 'ada@example.org',
      created_at: AT,
      expires_at: AT,
      used_at: null,
    })
    .execute();
  await db.insertInto('votes').values({ user_id: 'u1', paper_id: pid, created_at: AT }).execute();
  await db
    .insertInto('paper_stats')
    .values({
      paper_id: pid,
      upvotes: 1,
      comments: 2,
      commenters: 1,
      trend_at: AT,
      score: 1.2345678901234,
    })
    .execute();
  // The reply's id sorts before its parent's: a copy in key order meets the reply first.
  await db
    .insertInto('comments')
    .values([
      {
        id: 'c9',
        paper_id: pid,
        user_id: 'u1',
        parent_id: null,
        body: '**bold** parent',
        created_at: AT,
        edited_at: null,
        deleted_at: null,
        hidden_at: null,
      },
      {
        id: 'c1',
        paper_id: pid,
        user_id: 'u2',
        parent_id: 'c9',
        body: 'a reply',
        created_at: AT,
        edited_at: AT,
        deleted_at: null,
        hidden_at: null,
      },
    ])
    .execute();
  await db
    .insertInto('comment_reports')
    .values({ comment_id: 'c1', user_id: 'u1', reason: 'rude', created_at: AT, resolved_at: null })
    .execute();
  await db
    .insertInto('submissions')
    .values({ paper_id: pid, user_id: 'u1', day: '2026-08-20', created_at: AT })
    .execute();
  await db
    .insertInto('collections')
    .values({
      id: 'k1',
      user_id: 'u1',
      name: 'Reading',
      description: '',
      is_public: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('collection_items')
    .values({ collection_id: 'k1', paper_id: pid, note: 'good', added_at: AT })
    .execute();
  await db
    .insertInto('audit_log')
    .values({
      id: 'a1',
      actor_id: 'u1',
      action: 'ban',
      target_type: 'user',
      target_id: 'u2',
      detail: '{}',
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('email_addresses')
    .values({
      address: 'ada@example.org',
      verified_at: AT,
      disabled_at: null,
      bounce_count: 0,
      last_bounce: null,
      confirmations_sent: 1,
      last_confirmation_at: AT,
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('email_subscriptions')
    .values({
      id: 's1',
      address: 'ada@example.org',
      kind: 'search',
      cadence: 'daily',
      query: 'llm',
      time_zone: 'Europe/Paris',
      status: 'active',
      min_score: 0.55,
      user_id: 'u1',
      created_at: AT,
      confirmed_at: AT,
      unsubscribed_at: null,
      cursor: null,
      include_terms: 'graph AND NOT survey',
      exclude_terms: '',
    })
    .execute();
  await db
    .insertInto('email_digests')
    .values({
      id: 'd1',
      subscription_id: 's1',
      address: 'ada@example.org',
      period: '2026-08-21',
      status: 'sent',
      window_from: AT,
      window_to: AT,
      picks: '[]',
      message_id: '<m1@x>',
      attempts: 1,
      next_attempt_at: AT,
      last_error: null,
      created_at: AT,
      sent_at: AT,
      confirmed_at: AT,
      smtp_response: '250 ok',
    })
    .execute();
  await db
    .insertInto('email_sent_papers')
    .values({ address: 'ada@example.org', paper_id: pid, digest_id: 'd1', created_at: AT })
    .execute();
  await db
    .insertInto('email_locks')
    .values({ name: 'digests:send', owner: 'h:1:x', until: AT })
    .execute();
  await db
    .insertInto('email_query_vectors')
    .values({
      model_id: 'use-lite@1',
      text: 'llm',
      vector: vectorBlob([0.5, 0.25]),
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('embedding_models')
    .values([
      {
        role: 'serving',
        model_id: 'use-lite@1',
        family: 'use-lite',
        version: null,
        updated_at: AT,
      },
      {
        role: 'target',
        model_id: 'paperboy-static@0123456789ab',
        family: 'static',
        version: 'default',
        updated_at: AT,
      },
    ])
    .execute();
  await db
    .insertInto('api_tokens')
    .values({
      id: 't1',
      user_id: 'u1',
      name: 'laptop',
      scope: 'write',
      token_hash: 'th1',
      hint: 'pb_…a1',
      created_at: AT,
      last_used_at: AT,
      expires_at: null,
      revoked_at: null,
    })
    .execute();
  await db
    .insertInto('rate_limits')
    .values({ key: 'mail:ip:192.0.2.1', points: 3, expires_at: AT })
    .execute();
  await db
    .insertInto('pending_actions')
    .values({
      token_hash: 'ph1',
      kind: 'comment',
      paper_id: pid,
      payload: '{"body":"draft — “quoted”"}',
      next: '/papers/2608.00001',
      created_at: AT,
    })
    .execute();
  // For you (0901, 0903, 0904): a reader's import, mark, follows, settings and feed-key generation.
  await db
    .insertInto('reader_library')
    .values({ user_id: 'u1', paper_id: pid, source: 'bibtex', added_at: AT })
    .execute();
  await db
    .insertInto('reader_feedback')
    .values({ user_id: 'u1', paper_id: pid, signal: -1, at: AT })
    .execute();
  await db
    .insertInto('reader_follows')
    .values({
      user_id: 'u1',
      kind: 'author',
      value: 'ada lovelace',
      label: 'Ada Lovelace',
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('reader_follows')
    .values({
      user_id: 'u1',
      kind: 'author',
      value: 'wei zhang#2608.00001',
      label: 'Wei Zhang',
      created_at: AT,
      coauthors: '["Chen Li","Zoë “Q” O’Neil"]',
    })
    .execute();
  await db
    .insertInto('reader_feed_keys')
    .values({ user_id: 'u1', generation: 2, updated_at: AT })
    .execute();
  await db
    .insertInto('reader_settings')
    .values({
      user_id: 'u1',
      interests: '["cs.CL"]',
      include_terms: '',
      exclude_terms: 'survey',
      threshold: 0.75,
      updated_at: AT,
    })
    .execute();
}
