/**
 * `npm run bench:digest-kill`: how often a kill at a *random* moment breaks exactly-once. The kill
 * test aims at protocol states the SMTP server can see; the one state it cannot aim at lies
 * between the ledger's commit and the end-of-data marker, a few microseconds per message. Here
 * the real CLI runs with two messages in flight (the default) and is SIGKILLed at a random moment
 * of its sending — a random delay after the server saw its first MAIL FROM — again and again until
 * a run completes; then every due digest must have arrived once.
 * Repeated over BENCH_ROUNDS fresh stores (default 5). Prints kills, kills that fell while mail
 * was being sent, duplicates and missing digests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { tempDir } from '../test/db.ts';
import { seedDueDigests } from '../test/email/digest-seed.ts';
import { startSmtpServer } from '../test/smtp.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 400);
const NOW = '2026-08-24T12:00:00Z';
const ROOT = resolve(import.meta.dirname, '..');
/** Kill times are drawn from [0, SPAN_MS) after the run's first MAIL FROM. */
const SPAN_MS = Number(process.env.BENCH_SPAN_MS ?? 250);

let kills = 0;
let killsWhileSending = 0;
let duplicates = 0;
let missing = 0;
let digests = 0;
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (let round = 1; round <= ROUNDS; round++) {
  const dir = tempDir('paperboy-bench-kill-');
  let activity = 0;
  let arm: (() => void) | null = null;
  const smtp = await startSmtpServer({
    onEvent: (e) => {
      if (e.type !== 'mail-from') return;
      activity++;
      arm?.();
      arm = null;
    },
  });
  const env = {
    ...process.env,
    PAPERBOY_DATA_DIR: dir.path,
    PAPERBOY_DEMO: 'false',
    PAPERBOY_EMBEDDER: 'none',
    PAPERBOY_BASE_URL: 'https://papers.example.org',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    LOG_LEVEL: 'error',
  };
  try {
    const expected = await seedDueDigests(dir.path, env, NOW, SUBSCRIBERS);
    digests += expected.length;
    // One uninterrupted run's length sets the range of kill times for this round.
    let runs = 0;
    for (;;) {
      runs++;
      const before = activity;
      const started = Date.now();
      const result = await runOnce(env, runs > 60 ? null : Math.random() * SPAN_MS, (a) => {
        arm = a;
      });
      if (result === 'killed') {
        kills++;
        if (activity > before) killsWhileSending++;
        continue;
      }
      if (result !== 0)
        throw new Error(`run failed with ${result} after ${Date.now() - started} ms`);
      break;
    }
    const seen = new Map<string, number>();
    for (const m of smtp.mails) {
      const key = m.header('x-paperboy-digest') ?? '?';
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const dup = [...seen.values()].filter((n) => n > 1).length;
    const gap = expected.filter((e) => !seen.has(e)).length;
    duplicates += dup;
    missing += gap;
    console.log(
      `round ${round}: ${expected.length} digests, ${runs} runs, ${smtp.mails.length} mails received, ${dup} duplicated, ${gap} missing`,
    );
  } finally {
    await smtp.close();
    dir.remove();
  }
}
console.log(
  `${ROUNDS} rounds · ${digests} digests · ${kills} random kills (${killsWhileSending} while mail was being sent) · ${duplicates} duplicates · ${missing} missing`,
);
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

/**
 * Runs `digest send` once. `onArm` receives a function the SMTP server calls at the run's first
 * MAIL FROM; from then on the child is killed after `delayMs`, unless it ends first.
 */
function runOnce(
  env: NodeJS.ProcessEnv,
  delayMs: number | null,
  onArm: (arm: () => void) => void,
): Promise<number | 'killed'> {
  return new Promise((done) => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'digest', 'send', '--now', NOW],
      { cwd: ROOT, env, stdio: 'ignore' },
    );
    let timer: NodeJS.Timeout | null = null;
    if (delayMs !== null) {
      onArm(() => {
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      });
    }
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      done(signal === 'SIGKILL' ? 'killed' : (code ?? 1));
    });
  });
}
