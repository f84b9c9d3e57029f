import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { duePeriod, localTime, previewPeriod, trendingDays, zonedInstant } from './schedule.ts';

const at = (iso: string) => new Date(iso);

test('daily digests are due from the send hour on weekdays, in the subscriber’s zone', () => {
  // Tuesday 25 Aug 2026, 06:30 in New York = 10:30 UTC
  assert.equal(duePeriod('daily', 'America/New_York', at('2026-08-25T10:30:00Z'), 7, null), null);
  const due = duePeriod('daily', 'America/New_York', at('2026-08-25T11:05:00Z'), 7, null);
  assert.deepEqual(due, {
    key: '2026-08-25',
    day: '2026-08-25',
    dueAt: at('2026-08-25T11:00:00Z'),
  });
  // The same instant is already Wednesday in Tokyo (20:05), so Tokyo's period is Wednesday's.
  assert.equal(
    duePeriod('daily', 'Asia/Tokyo', at('2026-08-25T11:05:00Z'), 7, null)?.key,
    '2026-08-25',
  );
  assert.equal(
    duePeriod('daily', 'Asia/Tokyo', at('2026-08-25T23:05:00Z'), 7, null)?.key,
    '2026-08-26',
  );
  // Saturday: nothing.
  assert.equal(duePeriod('daily', 'UTC', at('2026-08-29T12:00:00Z'), 7, null), null);
});

test('weekly digests are due from Monday’s send hour for the whole ISO week', () => {
  assert.equal(duePeriod('weekly', 'UTC', at('2026-08-24T06:59:00Z'), 7, null), null);
  assert.equal(duePeriod('weekly', 'UTC', at('2026-08-24T07:00:00Z'), 7, null)?.key, '2026-W35');
  const thursday = duePeriod('weekly', 'UTC', at('2026-08-27T03:00:00Z'), 7, null);
  assert.equal(thursday?.key, '2026-W35');
  assert.equal(thursday?.day, '2026-08-24');
});

test('a period that fell due before the subscription was confirmed is skipped', () => {
  const now = at('2026-08-25T12:00:00Z');
  assert.equal(duePeriod('daily', 'UTC', now, 7, at('2026-08-25T09:00:00Z')), null);
  assert.ok(duePeriod('daily', 'UTC', now, 7, at('2026-08-25T06:00:00Z')));
});

test('zonedInstant is the inverse of localTime, DST included', () => {
  assert.equal(
    zonedInstant('2026-03-08', 7, 'America/New_York').toISOString(),
    '2026-03-08T11:00:00.000Z',
  );
  assert.equal(
    zonedInstant('2026-03-07', 7, 'America/New_York').toISOString(),
    '2026-03-07T12:00:00.000Z',
  );
  const zones = [
    'UTC',
    'America/New_York',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
  ];
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
      fc.constantFrom(...zones),
      fc.integer({ min: 3, max: 22 }),
      (ms, zone, hour) => {
        const day = localTime(new Date(ms), zone).day;
        const instant = zonedInstant(day, hour, zone);
        const back = localTime(instant, zone);
        // On the one DST-gap hour a year the wall clock skips ahead; otherwise it round-trips.
        return back.day === day && (back.hour === hour || back.hour === hour + 1);
      },
    ),
  );
});

test('previews pick the due period, else the next one', () => {
  const saturday = at('2026-08-29T12:00:00Z');
  assert.equal(previewPeriod('daily', 'UTC', saturday, 7).key, '2026-08-31');
  assert.equal(previewPeriod('weekly', 'UTC', saturday, 7).key, '2026-W35');
});

test('trending covers the three days before a daily digest, seven before a weekly one', () => {
  assert.deepEqual(trendingDays('daily', '2026-08-24'), { from: '2026-08-21', to: '2026-08-23' });
  assert.deepEqual(trendingDays('weekly', '2026-08-24'), { from: '2026-08-17', to: '2026-08-23' });
});
