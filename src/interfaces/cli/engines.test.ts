/**
 * Every CLI command on both engines, in-process on a fresh store of each: migrate, doctor,
 * config, ingest (snapshot, arXiv and Hugging Face replayed from recorded responses), import,
 * export, admin, digest (subscribe, send over real SMTP, status, unsubscribe), model and
 * optimize. The same inputs give byte-identical exports on SQLite and PostgreSQL.
 */
import '../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../../../test/db.ts';
import { emptyPostgresDatabase, engines } from '../../../test/engines.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import {
  FIXTURES,
  fixture,
  type ReplayServer,
  startReplayServer,
} from '../../../test/replay-server.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { migrations } from '../../adapters/db/migrations/index.ts';
import { addDays } from '../../core/feed-periods/period.ts';
import { memoryIo } from './io.ts';
import { runCli } from './main.ts';

/** Lines to import, the same for both engines (the second has a NUL character in it). */
const IMPORT_LINES = [
  JSON.stringify(buildPaper({ id: '2601.00001', title: 'Imported one' })),
  JSON.stringify(buildPaper({ id: '2601.00002', abstract: 'has a \u0000 in it' })),
  JSON.stringify(buildPaper({ id: '2601.00003', title: 'Imported three' })),
].join('\n');
const SNAPSHOT = join(FIXTURES, 'snapshot/arxiv-metadata-oai-snapshot.head200.jsonl');
let server: ReplayServer;
let smtp: TestSmtpServer;
const cleanups: (() => Promise<void> | void)[] = [];
/** Each engine's export of the same ingests, compared at the end. */
const exports = new Map<string, string>();

before(async () => {
  server = await startReplayServer((url) => {
    if (url.pathname === '/api/daily_papers') {
      return url.searchParams.get('date') === '2026-08-21'
        ? { body: fixture('hf-daily/2026-08-21.json') }
        : { body: '[]' };
    }
    return { body: fixture('arxiv-oai/arxiv-physics-hep-ex.xml') };
  });
  smtp = await startSmtpServer();
});
after(async () => {
  for (const cleanup of cleanups) await cleanup();
  await smtp.close();
  await server.close();
});

async function run(args: string[], vars: Record<string, string>) {
  const io = memoryIo(vars);
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const targets = await engines();
describe('the CLI on each engine', { concurrency: targets.length }, () => {
  for (const { name: engine, skip } of targets) {
    describe(`CLI on ${engine}`, { skip, concurrency: 1 }, () => {
      let vars: Record<string, string>;
      let dir: string;
      before(async () => {
        const data = tempDir();
        dir = data.path;
        const database = engine === 'postgres' ? await emptyPostgresDatabase() : null;
        cleanups.push(async () => {
          await database?.drop();
          data.remove();
        });
        vars = {
          PAPERBOY_DATA_DIR: dir,
          LOG_LEVEL: 'warn',
          PAPERBOY_EMBEDDER: 'static',
          ARXIV_OAI_URL: `${server.origin}/oai`,
          ARXIV_REQUEST_INTERVAL_MS: '0',
          HF_API_URL: `${server.origin}/api`,
          HF_REQUEST_INTERVAL_MS: '0',
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtp.port),
          MAIL_FROM: 'paperboy <papers@example.org>',
          DIGEST_SEND_HOUR: '7',
          ...(database ? { DATABASE_URL: database.url } : {}),
        };
      });

      test('doctor names the engine and the pending migrations; migrate applies them once', async () => {
        const before = await run(['doctor'], vars);
        assert.equal(before.code, 1, 'pending migrations are a ✗');
        assert.match(before.out, /✗ migrations: \d+ pending/);
        const migrate = await run(['migrate'], vars);
        assert.equal(migrate.code, 0, migrate.err);
        assert.match(migrate.out, /✓ applied 0001-init/);
        assert.match(
          migrate.out,
          new RegExp(`${Object.keys(migrations).length} migration\\(s\\) applied`),
        );
        assert.match((await run(['migrate'], vars)).out, /Store is up to date/);
        const doctor = await run(['doctor'], vars);
        assert.equal(doctor.code, 0, doctor.out);
        assert.doesNotMatch(doctor.out, /✗/);
        assert.match(doctor.out, /✓ migrations: \d+ applied, none pending/);
        assert.match(doctor.out, /✓ embeddings: 0 of 0 papers have paperboy-static@/);
        if (engine === 'postgres') {
          assert.match(
            doctor.out,
            /✓ store: PostgreSQL \d+\.\d+ .*at postgres:\/\/postgres@127\.0\.0\.1/,
          );
          assert.match(doctor.out, /✓ pgvector: pgvector \d+\.\d+/);
        } else {
          assert.match(doctor.out, /✓ store: SQLite 3\.\d+/);
          assert.match(doctor.out, /✓ fts5/);
        }
      });

      test('config shows where the store is, never its password', async () => {
        const secretUrl = vars.DATABASE_URL?.replace('postgres@', 'postgres:hunter2@');
        const out = (await run(['config'], secretUrl ? { ...vars, DATABASE_URL: secretUrl } : vars))
          .out;
        assert.match(out, /^PORT=8080$/m);
        assert.doesNotMatch(out, /hunter2/);
        if (secretUrl) assert.match(out, /^DATABASE_URL=.*\*\*\*/m);
      });

      test('ingest a snapshot, arXiv and Hugging Face; a second snapshot run changes nothing', async () => {
        const snapshot = await run(['ingest', 'snapshot', SNAPSHOT, '--batch-size', '64'], vars);
        assert.equal(snapshot.code, 0, snapshot.err);
        assert.match(snapshot.out, /^200 read: 200 new, 0 updated, 0 unchanged, 0 rejected$/);
        assert.match(
          (await run(['ingest', 'snapshot', SNAPSHOT], vars)).out,
          /200 read: 0 new, 0 updated, 200 unchanged/,
        );
        const arxiv = await run(
          ['ingest', 'arxiv', '--set', 'physics:hep-ex', '--from', '2017-12-14'],
          vars,
        );
        assert.equal(arxiv.code, 0, arxiv.err);
        assert.match(arxiv.out, /3 read: 3 new/);
        const hf = await run(['ingest', 'hf', '--from', '2026-08-20', '--to', '2026-08-21'], vars);
        assert.equal(hf.code, 0, hf.err);
        assert.match(hf.out, /read: \d+ new, \d+ updated, 0 unchanged, 0 rejected/);
      });

      test('import takes good lines, reports bad ones (a NUL character too); export writes the store', async () => {
        const file = join(dir, 'more.jsonl');
        writeFileSync(file, IMPORT_LINES);
        const imported = await run(['import', file], vars);
        assert.equal(imported.code, 0, imported.err);
        assert.match(imported.err, /more\.jsonl:2: abstract: must not contain a NUL character/);
        assert.match(imported.out, /3 read: 2 new, 0 updated, 0 unchanged, 1 rejected/);
        const out = join(dir, 'papers.jsonl');
        const exported = await run(['export', out], vars);
        assert.equal(exported.code, 0, exported.err);
        assert.match(exported.err, /exported \d+ papers/);
        const text = readFileSync(out, 'utf8');
        assert.ok(text.split('\n').filter(Boolean).length > 200);
        exports.set(engine, text);
      });

      test('admin create makes an admin, then finds the same account again', async () => {
        const created = await run(['admin', 'create', 'Boss@Example.org'], vars);
        assert.equal(created.code, 0, created.err);
        assert.match(created.out, /^Created @boss <boss@example\.org> as admin/);
        assert.match(
          (await run(['admin', 'create', 'boss@example.org'], vars)).out,
          /@boss <boss@example\.org> as admin/,
        );
      });

      test('digest: subscribe, send over SMTP once, status, unsubscribe', async () => {
        // Subscriptions start now (the wall clock), so the digest is due on the next weekday
        // morning, with papers featured that day and the day before.
        const sendDay = nextWeekday(new Date());
        const featured = join(dir, 'featured.jsonl');
        writeFileSync(
          featured,
          [addDays(sendDay, -1), sendDay, sendDay]
            .map((day, i) => JSON.stringify(buildFeaturedPaper(day, 40 + i)))
            .join('\n'),
        );
        assert.match((await run(['import', featured], vars)).out, /3 read: 3 new/);
        const address = `reader-${engine}@example.org`;
        const sub = await run(
          [
            'digest',
            'subscribe',
            address,
            '--kind',
            'trending',
            '--confirmed',
            '--time-zone',
            'UTC',
          ],
          vars,
        );
        assert.equal(sub.code, 0, sub.err);
        assert.match(sub.out, /active: .*trending/);
        const mailsBefore = smtp.mails.filter((m) => m.to.includes(address)).length;
        const now = ['--now', `${sendDay}T08:00:00Z`];
        const send = await run(['digest', 'send', ...now], vars);
        assert.equal(send.code, 0, send.err);
        assert.match(send.out, /1 active subscriptions · 1 due · recorded 1 with papers/);
        assert.match(send.out, /sent 1 · failed 0/);
        assert.equal(smtp.mails.filter((m) => m.to.includes(address)).length, mailsBefore + 1);
        const again = await run(['digest', 'send', ...now], vars);
        assert.match(again.out, /recorded 0 with papers.*\n.*sent 0/, 'nothing is sent twice');
        assert.match(
          (await run(['digest', 'status'], vars)).out,
          /pending 0 · sent 1 · empty 0 · failed 0/,
        );
        const unsub = await run(['digest', 'unsubscribe', address], vars);
        assert.match(unsub.out, new RegExp(`unsubscribed ${address} from .*trending`));
      });

      test('model: train a small model, list it, use it, go back to the bundled one', async () => {
        const train = await run(
          [
            'model',
            'train',
            '--dim',
            '4',
            '--lexical-dim',
            '4',
            '--epochs',
            '1',
            '--min-papers',
            '50',
            '--no-switch',
          ],
          vars,
        );
        assert.equal(train.code, 0, train.err);
        const version = /stored model (\S+):/.exec(train.out)?.[1];
        assert.ok(version, train.out);
        assert.match(
          (await run(['model', 'list'], vars)).out,
          new RegExp(`^\\* default[\\s\\S]*^ {2}${version}  \\d+ papers`, 'm'),
        );
        const use = await run(['model', 'use', version], vars);
        assert.equal(use.code, 0, use.err);
        // The store records the switch for every process; the worker re-embeds in the background.
        assert.match(use.out, /switching to static model \S+ \(paperboy-static@[0-9a-f]{12}\)/);
        assert.match((await run(['model', 'list'], vars)).out, new RegExp(`^\\* ${version}`, 'm'));
        assert.equal((await run(['model', 'use', 'default'], vars)).code, 0);
      });

      test('optimize runs the engine’s upkeep; doctor is still all ✓', async () => {
        const optimize = await run(['optimize'], vars);
        assert.equal(optimize.code, 0, optimize.err);
        assert.match(optimize.out, /Store optimized/);
        const doctor = await run(['doctor'], vars);
        assert.equal(doctor.code, 0, doctor.out);
        assert.match(doctor.out, /✓ embeddings: 0 of \d+ papers/);
      });
    });
  }
});

test('the same ingests export the same JSONL from both engines (but for when each was fetched)', {
  skip: targets.some((t) => t.skip) && 'one engine did not run',
}, () => {
  const lines = (engine: string) =>
    (exports.get(engine) ?? '').replace(/"fetchedAt":"[^"]*"/g, '"fetchedAt":…').split('\n');
  const [sqlite, postgres] = [lines('sqlite'), lines('postgres')];
  assert.ok(sqlite.length > 200, 'both engines exported');
  const differs = sqlite.findIndex((line, i) => line !== postgres[i]);
  assert.equal(postgres.length, sqlite.length);
  assert.equal(
    differs,
    -1,
    `line ${differs + 1} differs:\n${sqlite[differs]}\n${postgres[differs]}`,
  );
});
/** The next Monday–Friday after `now` (UTC), as YYYY-MM-DD. */
function nextWeekday(now: Date): string {
  for (let i = 1; ; i++) {
    const day = new Date(now.getTime() + i * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) return day.toISOString().slice(0, 10);
  }
}
