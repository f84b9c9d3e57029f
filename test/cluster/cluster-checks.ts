/**
 * What must hold after the many-processes test, read straight from the database and the workers'
 * logs: acknowledged writes present exactly once, exact counters, the snapshot loaded once, each
 * digest recorded and sent once, and no job run by two workers at once.
 */
import assert from 'node:assert/strict';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/adapters/db/schema.ts';
import type { TestSmtpServer } from '../smtp.ts';
import type { PaperboyProcess } from './processes.ts';

/** Writes the clients saw acknowledged. */
export interface Acked {
  votes: { email: string; paper: string }[];
  comments: { id: string; body: string }[];
  collections: { id: string; name: string }[];
  items: { collection: string; paper: string }[];
  subscriptions: string[];
}

export interface Expectations {
  acked: Acked;
  smtp: TestSmtpServer;
  digestPeriod: string;
  subscribers: string[];
  snapshotRecords: number;
  papers: number;
  halfSentBody: string;
}

export async function checkStore(db: Kysely<Database>, e: Expectations): Promise<void> {
  await checkWrites(db, e.acked, e.halfSentBody);
  await checkSnapshot(db, e);
  await checkDigests(db, e);
}

/** Acknowledged writes present exactly once, counters equal to what they count. */
export async function checkWrites(
  db: Kysely<Database>,
  acked: Acked,
  halfSentBody?: string,
): Promise<void> {
  const e = { acked };
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.email, u.id]),
  );
  for (const v of e.acked.votes) {
    const row = await db
      .selectFrom('votes')
      .select('paper_id')
      .where('user_id', '=', users.get(v.email) ?? '?')
      .where('paper_id', '=', v.paper)
      .execute();
    assert.equal(row.length, 1, `acknowledged vote of ${v.email} on ${v.paper}`);
  }
  // Counters equal what they count, for every paper with any.
  const { rows: counters } = await sql<{
    paper_id: string;
    upvotes: number;
    votes: number;
    comments: number;
    visible: number;
    commenters: number;
    people: number;
  }>`
    select s.paper_id, s.upvotes, s.comments, s.commenters,
      (select count(*) from votes v where v.paper_id = s.paper_id) as votes,
      (select count(*) from comments c where c.paper_id = s.paper_id
         and c.deleted_at is null and c.hidden_at is null) as visible,
      (select count(distinct user_id) from comments c where c.paper_id = s.paper_id
         and c.deleted_at is null and c.hidden_at is null) as people
    from paper_stats s`.execute(db);
  for (const c of counters) {
    assert.equal(c.upvotes, c.votes, `upvotes of ${c.paper_id}`);
    assert.equal(c.comments, c.visible, `comment count of ${c.paper_id}`);
    assert.equal(c.commenters, c.people, `commenters of ${c.paper_id}`);
  }
  const withComments = await db.selectFrom('comments').select('paper_id').distinct().execute();
  for (const { paper_id } of withComments) {
    assert.ok(
      counters.some((c) => c.paper_id === paper_id),
      `${paper_id} has counters`,
    );
  }
  const bodies = await db.selectFrom('comments').select(['id', 'body']).execute();
  for (const c of e.acked.comments) {
    assert.equal(bodies.filter((b) => b.body === c.body).length, 1, `comment "${c.body}" once`);
    assert.ok(
      bodies.some((b) => b.id === c.id && b.body === c.body),
      `comment ${c.id} stored`,
    );
  }
  const perBody = new Map<string, number>();
  for (const b of bodies) perBody.set(b.body, (perBody.get(b.body) ?? 0) + 1);
  assert.deepEqual(
    [...perBody].filter(([, n]) => n > 1),
    [],
    'no comment stored twice',
  );
  if (halfSentBody !== undefined) {
    assert.ok(!perBody.has(halfSentBody), 'a request whose body never arrived stored nothing');
  }

  const collections = await db.selectFrom('collections').select(['id', 'name']).execute();
  for (const c of e.acked.collections) {
    assert.deepEqual(
      collections.filter((k) => k.name === c.name),
      [{ id: c.id, name: c.name }],
      `collection ${c.name} once`,
    );
  }
  const items = await db
    .selectFrom('collection_items')
    .select(['collection_id', 'paper_id'])
    .execute();
  for (const i of e.acked.items) {
    assert.ok(items.some((r) => r.collection_id === i.collection && r.paper_id === i.paper));
  }
  const subscriptions = await db
    .selectFrom('email_subscriptions')
    .select(['address', 'status'])
    .execute();
  for (const address of e.acked.subscriptions) {
    assert.deepEqual(
      subscriptions.filter((s) => s.address === address),
      [{ address, status: 'active' }],
      `subscription of ${address} once`,
    );
  }
}

async function checkSnapshot(db: Kysely<Database>, e: Expectations): Promise<void> {
  // The snapshot was loaded once: its cursor counts every record once, and it is complete.
  const cursor = await db
    .selectFrom('source_cursors')
    .selectAll()
    .where('source', '=', 'snapshot')
    .executeTakeFirstOrThrow();
  assert.equal(cursor.records, e.snapshotRecords, 'records committed by harvests, in total');
  assert.equal((JSON.parse(cursor.state) as { complete: boolean }).complete, true);
  const papers = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(papers.n), e.papers);
}

/** One ledger row per subscriber for the period, each sent, each mail received exactly once. */
async function checkDigests(db: Kysely<Database>, e: Expectations): Promise<void> {
  const ledger = await db.selectFrom('email_digests').selectAll().execute();
  const period = ledger.filter((d) => d.period === e.digestPeriod);
  assert.deepEqual(
    period.map((d) => d.address).sort(),
    [...e.subscribers].sort(),
    'one digest recorded per subscriber for the period',
  );
  for (const d of period) assert.equal(d.status, 'sent', `digest to ${d.address} sent`);
  const received = new Map<string, number>();
  for (const mail of e.smtp.mails) {
    const id = mail.header('message-id')?.replace(/^<|>$/g, '');
    if (id) received.set(id, (received.get(id) ?? 0) + 1);
  }
  for (const d of ledger.filter((x) => x.status === 'sent')) {
    assert.equal(received.get(d.message_id), 1, `digest ${d.message_id} arrived exactly once`);
  }
  const ids = new Set(ledger.map((d) => d.message_id));
  const digestMails = e.smtp.mails.filter((m) =>
    /unsubscribe/i.test(m.header('list-unsubscribe') ?? ''),
  );
  for (const m of digestMails) {
    const id = m.header('message-id')?.replace(/^<|>$/g, '') ?? '';
    assert.ok(ids.has(id), `digest mail ${id} has its ledger row`);
  }
}

/**
 * Runs of one job by different workers that overlap in time, from 'job started' to 'job
 * finished'/'job failed' (logged before the lease is released); a killed worker's unfinished run
 * ends when it was killed.
 */
export function overlappingRuns(
  workers: PaperboyProcess[],
  killed: { worker: PaperboyProcess; at: string },
): string[] {
  const runs: { job: string; worker: string; from: string; to: string }[] = [];
  for (const w of workers) {
    const open = new Map<string, string>();
    for (const l of w.logs) {
      const job = typeof l.job === 'string' ? l.job : null;
      if (!job) continue;
      if (l.msg === 'job started') open.set(job, l.time);
      if (l.msg === 'job finished' || l.msg === 'job failed') {
        runs.push({ job, worker: w.name, from: open.get(job) ?? '', to: l.time });
        open.delete(job);
      }
    }
    for (const [job, from] of open) {
      const to = w === killed.worker ? killed.at : '9999';
      runs.push({ job, worker: w.name, from, to });
    }
  }
  const overlaps: string[] = [];
  for (const a of runs) {
    for (const b of runs) {
      if (a.job !== b.job || a.worker >= b.worker) continue;
      if (a.from < b.to && b.from < a.to) overlaps.push(`${a.job}: ${JSON.stringify([a, b])}`);
    }
  }
  return overlaps;
}
