/**
 * paperboy processes for multi-process tests: the real CLI in child processes, their JSON log
 * lines collected, and waits on events only — a log line, an exit — never on a clock.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '../..');

export interface LogLine {
  time: string;
  level: string;
  msg: string;
  [field: string]: unknown;
}

type Waiter = { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void };

export class PaperboyProcess {
  readonly logs: LogLine[] = [];
  readonly stdout: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private waiters: Waiter[] = [];
  private exitedNow = false;

  constructor(
    readonly name: string,
    args: string[],
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (l) =>
      this.stdout.push(l),
    );
    createInterface({ input: this.child.stderr as NodeJS.ReadableStream }).on('line', (l) =>
      this.take(l),
    );
    this.exited = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code, signal) => {
        this.exitedNow = true;
        for (const w of this.waiters) {
          w.resolve({ time: '', level: 'exit', msg: `${this.name} exited (${code ?? signal})` });
        }
        this.waiters = [];
        resolve({ code, signal });
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  private take(text: string): void {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      line = { time: '', level: 'raw', msg: text };
    }
    this.logs.push(line);
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.match(line)) w.resolve(line);
      else still.push(w);
    }
    this.waiters = still;
  }

  /** The first log line (seen already or to come) matching `match`; throws if the process exits. */
  async waitFor(match: (line: LogLine) => boolean, what: string): Promise<LogLine> {
    const seen = this.logs.find(match);
    if (seen) return seen;
    if (this.exitedNow) throw new Error(`${this.name} exited before ${what}\n${this.tail()}`);
    const line = await new Promise<LogLine>((resolve) => this.waiters.push({ match, resolve }));
    if (line.level === 'exit')
      throw new Error(`${this.name} exited before ${what}\n${this.tail()}`);
    return line;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child.kill(signal);
  }

  /** The last log lines, for failure messages. */
  tail(n = 15): string {
    return this.logs
      .slice(-n)
      .map((l) => JSON.stringify(l))
      .join('\n');
  }
}

/** `paperboy serve --no-worker` on a free port; resolves with its base URL once it listens. */
export async function startWeb(
  name: string,
  env: Record<string, string>,
): Promise<{ process: PaperboyProcess; url: string }> {
  const p = new PaperboyProcess(name, ['serve', '--no-worker', '--no-demo', '--port', '0'], env);
  const line = await p.waitFor((l) => l.msg === 'listening', 'listening');
  const port = new URL(String(line.url)).port;
  return { process: p, url: `http://127.0.0.1:${port}` };
}

/** `paperboy worker`; resolves once its loop runs. */
export async function startWorkerProcess(
  name: string,
  env: Record<string, string>,
): Promise<PaperboyProcess> {
  const p = new PaperboyProcess(name, ['worker'], env);
  await p.waitFor((l) => l.msg === 'worker started', 'worker started');
  return p;
}
