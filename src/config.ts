/**
 * Configuration: one table of settings (env var, CLI flag, default, doc, secret), validated with
 * zod. `loadConfig` is pure — it takes env and flags as values — and reports every problem at once.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on');

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/New_York or UTC');

interface Setting {
  /** Environment variable. */
  env: string;
  /** Long CLI flag (without --), when there is one. */
  flag?: string;
  /** What it means, units, default and range — shown by `paperboy config` and the README. */
  doc: string;
  schema: z.ZodType;
  /** Redacted by `paperboy config`; may be given as `<ENV>_FILE` pointing at a file. */
  secret?: boolean;
}

/** Every setting paperboy reads. Add new ones here, with a doc line and a default. */
export const settings = {
  port: {
    env: 'PORT',
    flag: 'port',
    doc: 'HTTP port to listen on (1–65535; 0 picks a free port). Default 8080.',
    schema: z.coerce.number().int().min(0).max(65535).default(8080),
  },
  host: {
    env: 'HOST',
    flag: 'host',
    doc: 'Interface to listen on. Default 127.0.0.1; use 0.0.0.0 to accept remote connections.',
    schema: z.string().min(1).default('127.0.0.1'),
  },
  dataDir: {
    env: 'PAPERBOY_DATA_DIR',
    flag: 'data-dir',
    doc: 'Directory for the store (paperboy.db), indexes and models. Default ./data.',
    schema: z.string().min(1).default('./data'),
  },
  demo: {
    env: 'PAPERBOY_DEMO',
    flag: 'demo',
    doc: 'Load the bundled demo corpus on first start when the store is empty (true/false). Default true; --no-demo turns it off.',
    schema: bool.default(true),
  },
  worker: {
    env: 'PAPERBOY_WORKER',
    flag: 'worker',
    doc: '`serve` also runs the background worker in-process (true/false). Default true; --no-worker when a separate `paperboy worker` runs.',
    schema: bool.default(true),
  },
  baseUrl: {
    env: 'PAPERBOY_BASE_URL',
    flag: 'base-url',
    doc: 'Public URL of this instance, used in feeds and emails. Default http://localhost:<port>.',
    schema: z.url({ protocol: /^https?$/ }).optional(),
  },
  feedTimeZone: {
    env: 'PAPERBOY_FEED_TIME_ZONE',
    doc: 'IANA time zone that decides which day a paper is featured on. Default America/New_York (as Hugging Face).',
    schema: timeZone.default('America/New_York'),
  },
  smtpHost: {
    env: 'SMTP_HOST',
    flag: 'smtp-host',
    doc: 'SMTP server for outgoing mail. Unset: mails are written to <data dir>/outbox as .eml files and logged.',
    schema: z.string().min(1).optional(),
  },
  smtpPort: {
    env: 'SMTP_PORT',
    doc: 'SMTP port. Default 587 (STARTTLS); 465 for implicit TLS; 25 for a local relay.',
    schema: z.coerce.number().int().min(1).max(65535).default(587),
  },
  smtpSecure: {
    env: 'SMTP_SECURE',
    doc: 'Use implicit TLS from the first byte (true for port 465). Default false (STARTTLS when offered).',
    schema: bool.default(false),
  },
  smtpUser: {
    env: 'SMTP_USER',
    doc: 'SMTP user name, if the server needs authentication.',
    schema: z.string().min(1).optional(),
  },
  smtpPassword: {
    env: 'SMTP_PASSWORD',
    doc: 'SMTP password (or SMTP_PASSWORD_FILE pointing at a file holding it).',
    schema: z.string().min(1).optional(),
    secret: true,
  },
  mailFrom: {
    env: 'MAIL_FROM',
    doc: 'Sender of every mail, e.g. "paperboy <papers@example.org>". Default paperboy <paperboy@localhost>.',
    schema: z
      .string()
      .refine((v) => !/[\r\n]/.test(v), 'must be one line')
      .default('paperboy <paperboy@localhost>'),
  },
  logLevel: {
    env: 'LOG_LEVEL',
    flag: 'log-level',
    doc: 'Lowest log level written: debug, info, warn or error. Default info.',
    schema: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  },
  logFormat: {
    env: 'LOG_FORMAT',
    doc: 'auto (text on a terminal, JSON lines otherwise), json or text. Default auto.',
    schema: z.enum(['auto', 'json', 'text']).default('auto'),
  },
} satisfies Record<string, Setting>;

type Settings = typeof settings;
type Raw = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

/** The validated configuration, passed as a value into container.ts. */
export type Config = Omit<Raw, 'baseUrl'> & {
  baseUrl: string;
  /** Absolute path of the SQLite store inside dataDir. */
  databasePath: string;
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Values given on the command line, keyed by setting name (they win over env). */
export type ConfigFlags = Partial<Record<keyof Settings, unknown>>;

/**
 * Builds the configuration from `env` and `flags`. Never throws: returns every problem, each naming
 * the variable, the bad value and how to fix it.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  flags: ConfigFlags = {},
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): ConfigResult {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, setting] of Object.entries(settings) as [keyof Settings, Setting][]) {
    const input = flags[key] ?? readEnv(env, setting, readFile, problems);
    const parsed = setting.schema.safeParse(input === '' ? undefined : input);
    if (parsed.success) {
      raw[key] = parsed.data;
      continue;
    }
    const where = setting.flag ? `${setting.env} / --${setting.flag}` : setting.env;
    const shown = setting.secret ? '(hidden)' : JSON.stringify(input);
    const why = parsed.error.issues.map((i) => i.message).join('; ');
    problems.push(`${where} = ${shown}: ${why}. ${setting.doc}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const values = raw as Raw;
  const dataDir = resolve(values.dataDir);
  return {
    ok: true,
    config: {
      ...values,
      dataDir,
      baseUrl: (values.baseUrl ?? `http://localhost:${values.port}`).replace(/\/+$/, ''),
      databasePath: resolve(dataDir, 'paperboy.db'),
    },
  };
}

function readEnv(
  env: Record<string, string | undefined>,
  setting: Setting,
  readFile: (path: string) => string,
  problems: string[],
): string | undefined {
  const file = setting.secret ? env[`${setting.env}_FILE`] : undefined;
  if (!file) return env[setting.env];
  try {
    return readFile(file).trim();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    problems.push(`${setting.env}_FILE = ${JSON.stringify(file)}: cannot read it (${why}).`);
    return undefined;
  }
}

/** The effective configuration as `KEY=value` lines, secrets redacted. */
export function dumpConfig(config: Config): string[] {
  return (Object.entries(settings) as [keyof Settings, Setting][]).map(([key, setting]) => {
    const value = config[key as keyof Config];
    const shown = setting.secret && value ? '********' : String(value ?? '');
    return `${setting.env}=${shown}`;
  });
}
