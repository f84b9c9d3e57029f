import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dumpConfig, loadConfig } from './config.ts';

test('defaults give a working embedded setup', () => {
  const result = loadConfig({});
  assert.ok(result.ok);
  assert.equal(result.config.port, 8080);
  assert.equal(result.config.demo, true);
  assert.match(result.config.databasePath, /data\/paperboy\.db$/);
  assert.equal(result.config.baseUrl, 'http://localhost:8080');
  assert.equal(result.config.feedTimeZone, 'America/New_York');
});

test('flags win over env, env over defaults', () => {
  const result = loadConfig({ PORT: '9000', PAPERBOY_DEMO: 'false' }, { port: '9100' });
  assert.ok(result.ok);
  assert.equal(result.config.port, 9100);
  assert.equal(result.config.demo, false);
});

test('every problem is reported at once, naming the variable and the fix', () => {
  const result = loadConfig({
    PORT: 'eighty',
    PAPERBOY_DEMO: 'maybe',
    LOG_LEVEL: 'loud',
    PAPERBOY_FEED_TIME_ZONE: 'Mars/Olympus',
    PAPERBOY_BASE_URL: 'ftp://x',
  });
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.problems.length, 5);
  assert.match(result.problems[0] ?? '', /^PORT \/ --port = "eighty": .*HTTP port/);
  assert.ok(result.problems.some((p) => p.startsWith('PAPERBOY_DEMO')));
  assert.ok(result.problems.some((p) => p.includes('IANA time zone')));
});

test('out-of-range ports are rejected', () => {
  assert.equal(loadConfig({ PORT: '70000' }).ok, false);
  assert.equal(loadConfig({ PORT: '-1' }).ok, false);
});

test('config dump prints one KEY=value line per setting', () => {
  const result = loadConfig({ PORT: '8123' });
  assert.ok(result.ok);
  const lines = dumpConfig(result.config);
  assert.ok(lines.includes('PORT=8123'));
  assert.ok(lines.every((l) => /^[A-Z_]+=/.test(l)));
});

test('DATABASE_URL selects PostgreSQL; its password never shows in the dump', () => {
  const url = 'postgres://paperboy:s3cret-pw@db.example.org:5432/paperboy';
  const result = loadConfig({ DATABASE_URL: url, PAPERBOY_DB_POOL_SIZE: '20' });
  assert.ok(result.ok);
  assert.equal(result.config.databaseUrl, url);
  assert.equal(result.config.databasePoolSize, 20);
  const dump = dumpConfig(result.config).join('\n');
  assert.ok(!dump.includes('s3cret-pw'));
  assert.ok(dump.includes('DATABASE_URL=postgres://paperboy:***@db.example.org:5432/paperboy'));
});

test('DATABASE_URL_FILE is read; a URL of another kind is refused with the fix', () => {
  const fromFile = loadConfig({ DATABASE_URL_FILE: '/run/secrets/db' }, {}, (path) => {
    assert.equal(path, '/run/secrets/db');
    return 'postgresql://u:p@localhost/pb\n';
  });
  assert.ok(fromFile.ok);
  assert.equal(fromFile.config.databaseUrl, 'postgresql://u:p@localhost/pb');
  const wrong = loadConfig({ DATABASE_URL: 'mysql://u:p@localhost/pb' });
  assert.equal(wrong.ok, false);
  if (wrong.ok) return;
  assert.match(wrong.problems[0] ?? '', /^DATABASE_URL = \(hidden\): must be a postgres:\/\//);
});
