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
