import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fixture } from '../../../../test/replay-server.ts';
import { isAppError } from '../../../core/errors.ts';
import type { Paper } from '../../../core/papers/model.ts';
import { parseHfDailyPapers } from './hf-daily-parser.ts';

const AT = '2026-08-22T12:00:00.000Z';

function day(date: string): Paper[] {
  const records = parseHfDailyPapers(fixture(`hf-daily/${date}.json`), date, AT);
  assert.ok(records.every((r) => 'paper' in r));
  return records.flatMap((r) => ('paper' in r ? [r.paper] : []));
}

test('2026 era: every community field', () => {
  const [p] = day('2026-08-21');
  assert.equal(p?.id, '2608.19880');
  assert.deepEqual(p?.community.featuredDays, [
    { day: '2026-08-21', rank: 1, featuredAt: '2026-08-21T00:00:00.000Z' },
  ]);
  assert.equal(p?.community.upvotes, 163);
  assert.equal(p?.community.commentCount, 1);
  assert.equal(p?.community.submittedBy, 'taesiri');
  assert.equal(p?.community.organization, 'google');
  assert.equal(p?.community.githubStars, 8);
  assert.match(p?.community.aiSummary ?? '', /^EnvHarness and EnvRigger/);
  assert.ok(p?.community.aiKeywords.includes('EnvHarness'));
  assert.equal(p?.links.code, 'https://github.com/google-research/envharness');
  assert.equal(p?.links.project, 'https://envharness.com/');
  assert.equal(p?.submittedAt, '2026-08-20T00:00:00.000Z');
  assert.equal(p?.authors.length, 17);
  const listing = p?.community.listing;
  assert.equal(listing?.listedAt, '2026-08-19T20:00:00.000Z');
  assert.equal(listing?.discussionId, '6a87afc589e517cbfd75dbe0');
  assert.equal(listing?.githubRepoAddedBy, 'user');
  assert.equal(listing?.aiSummaryModel, 'thinkingmachines/Inkling-Small');
  assert.equal(listing?.submitter?.name, 'taesiri');
  assert.equal(listing?.submitter?.type, 'user');
  assert.match(listing?.submitter?.avatarUrl ?? '', /^https:\/\//);
  assert.equal(listing?.organization?.name, 'google');
  assert.equal(listing?.authors.length, 17);
  assert.deepEqual(
    listing?.authors.map((a) => a.name),
    p?.authors,
  );
  assert.ok(listing?.authors.every((a) => /^[0-9a-f]{24}$/.test(a.id ?? '') && !a.hidden));
  assert.equal(listing?.authorParticipating, false);
});

test('older eras: mediaUrl thumbnails, no submitter, hard-wrapped titles, 2025 AI fields', () => {
  const [may] = day('2024-05-27');
  assert.equal(
    may?.title,
    'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models',
  );
  assert.match(may?.community.thumbnail ?? '', /2405\.15738\.png$/);
  assert.equal(may?.community.submittedBy, null);
  assert.equal(may?.community.upvotes, 32);
  const oct = day('2024-10-25');
  assert.ok(oct.length > 5 && oct.every((p) => p.community.submittedBy !== null));
  const june = day('2025-06-10');
  assert.ok(june.some((p) => p.community.aiKeywords.length > 0));
  assert.deepEqual(
    june.map((p) => p.community.featuredDays[0]?.rank),
    june.map((_, i) => i + 1),
  );
});

test('archived Python-repr captures and the {status,data} wrapper are refused whole', () => {
  assert.throws(
    () => parseHfDailyPapers(fixture('hf-daily/2024-12-11.json'), '2024-12-11', AT),
    (e) => isAppError(e, 'source_malformed') && /entry 1 is a string.*Python-repr/.test(e.message),
  );
  assert.throws(
    () => parseHfDailyPapers(fixture('hf-daily/2025-01-10.json'), '2025-01-10', AT),
    (e) =>
      isAppError(e, 'source_malformed') &&
      /expected a JSON array of entries, got an object with keys status, date, count, data/.test(
        e.message,
      ),
  );
});

test('truncated JSON and a non-arXiv entry', () => {
  const body = fixture('hf-daily/2026-08-21.json');
  assert.throws(
    () => parseHfDailyPapers(body.slice(0, 5000), '2026-08-21', AT),
    (e) => isAppError(e, 'source_malformed') && /2026-08-21: not JSON/.test(e.message),
  );
  const records = parseHfDailyPapers('[{"paper":{"id":"not-arxiv"}}]', '2026-08-21', AT);
  assert.match((records[0] as { error: string }).error, /not an arXiv id/);
});

test('property: any body gives records or a typed error', () => {
  const body = fixture('hf-daily/2025-06-10.json');
  const mutated = fc
    .tuple(fc.nat({ max: body.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 10 }))
    .map(([at, cut, insert]) => body.slice(0, at) + insert + body.slice(at + cut));
  fc.assert(
    fc.property(fc.oneof(mutated, fc.string(), fc.json()), (input) => {
      try {
        assert.ok(Array.isArray(parseHfDailyPapers(input, '2025-06-10', AT)));
      } catch (error) {
        assert.ok(isAppError(error, 'source_malformed'), String(error));
      }
    }),
    { numRuns: 300 },
  );
});
