/**
 * The exactly-once kill test: spawn the real CLI (`paperboy digest send`), SIGKILL it at many
 * points — while it starts and plans, while the SMTP server reads the envelope, after the server
 * stored a message but before it answered 250, right after the 250 — restart it each time, and
 * check the real SMTP server received every due digest exactly once: no duplicates, no gaps.
 *
 * Kills are triggered by the server at protocol events, so each lands in a known state of the
 * one message in flight (`--concurrency 1`); a timed kill fires before any message began: at its
 * time, or when the first message begins if that comes sooner.
 * The one state no outside observer can aim at — between the ledger's commit and the
 * end-of-data marker, a few microseconds — is covered by the SmtpConnection unit tests and
 * measured by `npm run bench:digest-kill` (random kills with two messages in flight).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { after, test } from 'node:test';
import { createContainer } from '../../src/container.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { tempDir, testConfig } from '../db.ts';
import { type SmtpEvent, startSmtpServer } from '../smtp.ts';
import { seedDueDigests } from './digest-seed.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NOW = '2026-08-24T12:00:00Z'; // a Monday: daily and weekly digests are due everywhere below
const dir = tempDir();
after(() => dir.remove());

type KillPoint =
  | { kind: 'timer'; ms: number }
  | { kind: 'event'; type: SmtpEvent['type']; nth: number };

const KILL_POINTS: KillPoint[] = [
  { kind: 'timer', ms: 150 },
  { kind: 'timer', ms: 450 },
  { kind: 'timer', ms: 750 },
  { kind: 'timer', ms: 1200 },
  { kind: 'timer', ms: 1600 },
  { kind: 'event', type: 'mail-from', nth: 1 },
  { kind: 'event', type: 'data-end', nth: 1 },
  { kind: 'event', type: 'rcpt-to', nth: 1 },
  { kind: 'event', type: 'accepted', nth: 1 },
  { kind: 'event', type: 'data-end', nth: 2 },
  { kind: 'event', type: 'mail-from', nth: 3 },
  { kind: 'event', type: 'data-end', nth: 3 },
  { kind: 'event', type: 'accepted', nth: 2 },
  { kind: 'event', type: 'rcpt-to', nth: 4 },
  { kind: 'event', type: 'data-end', nth: 5 },
  { kind: 'event', type: 'accepted', nth: 4 },
  { kind: 'event', type: 'mail-from', nth: 6 },
  { kind: 'event', type: 'data-end', nth: 1 },
];

test('killing the sender at any point and restarting sends every due digest exactly once', {
  timeout: 240_000,
}, async () => {
  let child: ChildProcess | null = null;
  let point: KillPoint | null = null;
  let counts = new Map<string, number>();
  let killsAtDataEnd = 0;
  let killsAfter250 = 0;
  const kill = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const smtp = await startSmtpServer({
    onEvent(event) {
      const n = (counts.get(event.type) ?? 0) + 1;
      counts.set(event.type, n);
      // A timed kill that has not fired when the first message begins (a fast machine) fires
      // then: still before any message, and no run escapes unkilled to send everything.
      if (point?.kind === 'timer' && event.type === 'mail-from' && n === 1) return kill();
      if (point?.kind !== 'event' || point.type !== event.type || point.nth !== n) return;
      kill();
      if (event.type === 'accepted') killsAfter250++;
      if (event.type === 'data-end') {
        killsAtDataEnd++;
        // Hold the 250 until the sender is surely dead: the server has the message, the
        // sender never learns it.
        return new Promise((r) => setTimeout(r, 300));
      }
    },
  });
  const env = {
    ...process.env,
    PAPERBOY_DATA_DIR: dir.path,
    PAPERBOY_DEMO: 'false',
    PAPERBOY_BASE_URL: 'https://papers.example.org',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    LOG_LEVEL: 'error',
    TZ: 'UTC',
  };
  try {
    const expected = await seedDueDigests(dir.path, env, NOW);
    assert.ok(expected.length >= 30, `enough digests to kill through (${expected.length})`);

    const run = (p: KillPoint | null) =>
      new Promise<{ code: number | null; signal: string | null; err: string }>((done) => {
        point = p;
        counts = new Map();
        let err = '';
        child = spawn(
          process.execPath,
          ['--import', 'tsx', 'src/main.ts', 'digest', 'send', '--now', NOW, '--concurrency', '1'],
          { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        child.stdout?.on('data', (b: Buffer) => {
          err += b.toString();
        });
        child.stderr?.on('data', (b: Buffer) => {
          err += b.toString();
        });
        if (p?.kind === 'timer') {
          setTimeout(() => {
            if ((counts.get('mail-from') ?? 0) === 0) kill(); // only before any message began
          }, p.ms);
        }
        child.on('exit', (code, signal) => done({ code, signal, err }));
      });

    let killed = 0;
    for (const p of KILL_POINTS) {
      const r = await run(p);
      if (r.signal === 'SIGKILL') killed++;
      else assert.equal(r.code, 0, `a run that was not killed succeeds: ${r.err}`);
    }
    const final = await run(null);
    assert.equal(final.code, 0, final.err);
    assert.equal(killed, KILL_POINTS.length, 'every kill point hit');

    const received = smtp.mails.map((m) => m.header('x-paperboy-digest') ?? '?');
    const times = new Map<string, number>();
    for (const r of received) times.set(r, (times.get(r) ?? 0) + 1);
    const duplicates = [...times].filter(([, n]) => n > 1).map(([k]) => k);
    const missing = expected.filter((e) => !times.has(e));
    const unexpected = [...times.keys()].filter((k) => !expected.includes(k));
    assert.deepEqual(duplicates, [], 'no digest twice');
    assert.deepEqual(missing, [], 'no digest missing');
    assert.deepEqual(unexpected, [], 'nothing that was not due');
    assert.equal(received.length, expected.length);

    // The ledger agrees; once more changes nothing.
    const again = await run(null);
    assert.equal(again.code, 0, again.err);
    assert.equal(smtp.mails.length, expected.length, 'a further run sends nothing');
    const c = await createContainer(testConfig(dir.path), { log: createMemoryLogger() });
    try {
      const states = await c.digests.countByStatus();
      assert.equal(states.sent, expected.length);
      assert.equal(states.pending ?? 0, 0);
      assert.equal(states.failed ?? 0, 0);
      // Killed after the server stored a message, before the 250 was read (or right after it):
      // sent, never resent, and honestly reported as unconfirmed.
      const unconfirmed = await c.digests.countUnconfirmed();
      assert.ok(unconfirmed >= killsAtDataEnd && unconfirmed <= killsAtDataEnd + killsAfter250);
    } finally {
      await c.close();
    }
  } finally {
    kill();
    await smtp.close();
  }
});
