/**
 * The Hugging Face contract, day by day: for each of the demo corpus's 60 days, paperboy's
 * `/api/daily_papers?date=…` is diffed against Hugging Face's own answer for that day (the
 * captures in ../shared/data/hf-daily-papers/raw), field by field. Every field paperboy sends must
 * have Hugging Face's name, type and value; a field Hugging Face sends and paperboy does not must
 * be on NOT_STORED below, with the reason. Needs ../shared/data (CI has it); elsewhere the test is
 * skipped with a message, and CI=true makes a missing copy a failure.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { sharedDataDir } from '../../../test/shared-data.ts';
import { createApp } from './app.ts';

/** Hugging Face fields paperboy does not keep: account flags and counters of another site. */
const NOT_STORED = new Set([
  ...['isPro', 'isHf', 'isHfAdmin', 'isMod', 'followerCount', 'isUserFollowing'].map(
    (k) => `submittedBy.${k}`,
  ),
  'paper.submittedOnDailyBy.isPro',
  'paper.authors[].user.isPro',
]);
/**
 * Per featured day paperboy keeps the rank and the time it was posted; everything else is one
 * record per paper. Captures are snapshots, so a paper captured on two days is expected to show
 * its later capture's record (upvotes, comments…) on both, with each day's own posting time.
 */
const PER_DAY = new Set(['paper.submittedOnDailyAt']);

type Json = unknown;
type Entry = { paper: { id: string; upvotes: number } } & Record<string, Json>;

const shared = sharedDataDir();
const rawDir = shared ? join(shared, 'hf-daily-papers/raw') : null;
const skip = shared ? false : 'needs ../shared/data (set PAPERBOY_SHARED_DATA)';
if (!shared && process.env.CI === 'true')
  throw new Error('CI must have ../shared/data beside the repo');

let c: TestContainer;
let app: ReturnType<typeof createApp>;

before(async () => {
  c = await createTestContainer({ env: { PAPERBOY_DEMO: 'true' } });
  await c.seedDemo();
  app = createApp(c);
});
after(() => c.dispose());

function flatten(value: Json, path: string, out: Map<string, Json>): Map<string, Json> {
  if (Array.isArray(value) && value.length > 0) {
    for (const [i, v] of value.entries()) flatten(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value);
  }
  return out;
}

const pattern = (path: string) => path.replace(/\[\d+\]/g, '[]');

test('every demo day answers as Hugging Face answered that day, field by field', {
  skip,
}, async (t) => {
  const files = readdirSync(rawDir as string)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .slice(-60);
  assert.equal(files.length, 60);
  const captures = files.map((f) => ({
    day: f.slice(0, 10),
    entries: JSON.parse(gunzipSync(readFileSync(join(rawDir as string, f))).toString()) as Entry[],
  }));
  // The latest capture of each paper: what paperboy stores as its one record.
  const latest = new Map<string, Map<string, Json>>();
  for (const { entries } of captures) {
    for (const e of entries) latest.set(e.paper.id, flatten(e, '', new Map()));
  }

  let compared = 0;
  let entries = 0;
  const missing = new Set<string>();
  for (const { day, entries: hf } of captures) {
    const res = await app.request(`/api/daily_papers?date=${day}&limit=100`);
    assert.equal(res.status, 200, day);
    assert.equal(res.headers.get('x-total-count'), String(hf.length), `${day}: X-Total-Count`);
    const ours = (await res.json()) as Entry[];
    const expectedOrder = hf
      .map((e, rank) => ({
        id: e.paper.id,
        rank,
        upvotes: latest.get(e.paper.id)?.get('paper.upvotes') as number,
      }))
      .sort((a, b) => b.upvotes - a.upvotes || a.rank - b.rank)
      .map((e) => e.id);
    assert.deepEqual(
      ours.map((e) => e.paper.id),
      expectedOrder,
      `${day}: papers and order`,
    );
    for (const [i, theirs] of hf.entries()) {
      const id = theirs.paper.id;
      const mine = flatten(
        ours.find((e) => e.paper.id === id),
        '',
        new Map(),
      );
      const dayFields = flatten(theirs, '', new Map());
      const record = latest.get(id) ?? dayFields;
      const expected = new Map(
        [...record].map(([k, v]) => [k, PER_DAY.has(pattern(k)) ? dayFields.get(k) : v]),
      );
      for (const [path, value] of expected) {
        if (!mine.has(path)) {
          assert.ok(NOT_STORED.has(pattern(path)), `${day} #${i} ${id}: ${path} is not sent`);
          missing.add(pattern(path));
          continue;
        }
        assert.deepStrictEqual(mine.get(path), value, `${day} #${i} ${id}: ${path}`);
        compared++;
      }
      for (const path of mine.keys()) {
        assert.ok(
          expected.has(path),
          `${day} #${i} ${id}: ${path} is sent but Hugging Face has no such field`,
        );
      }
      entries++;
    }
  }
  assert.equal(entries, 1419);
  assert.deepEqual([...missing].sort(), [...NOT_STORED].sort(), 'every NOT_STORED entry is real');
  t.diagnostic(`${files.length} days, ${entries} entries, ${compared} fields equal`);
});
