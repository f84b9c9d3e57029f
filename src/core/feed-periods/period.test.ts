import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../errors.ts';
import {
  addDays,
  dayInZone,
  dayPeriod,
  isDay,
  isoWeekOf,
  monthPeriod,
  shiftPeriod,
  weekPeriod,
} from './period.ts';

test('days are strict calendar days', () => {
  assert.ok(isDay('2026-08-21'));
  assert.ok(isDay('2024-02-29'));
  for (const bad of ['2026-02-29', '2026-13-01', '2026-8-1', '20260821', 'today', '0000-01-01']) {
    assert.equal(isDay(bad), false, bad);
  }
});

test('ISO weeks run Monday to Sunday, including week 53 and year boundaries', () => {
  assert.deepEqual(weekPeriod('2026-W33'), {
    kind: 'week',
    label: '2026-W33',
    from: '2026-08-10',
    to: '2026-08-16',
  });
  assert.deepEqual(weekPeriod('2026-W01'), {
    kind: 'week',
    label: '2026-W01',
    from: '2025-12-29',
    to: '2026-01-04',
  });
  assert.equal(weekPeriod('2020-W53').from, '2020-12-28');
  assert.equal(isoWeekOf('2026-08-21'), '2026-W34');
  assert.equal(isoWeekOf('2021-01-03'), '2020-W53');
  assert.equal(isoWeekOf('2024-12-30'), '2025-W01');
});

test('months cover every day of the month', () => {
  assert.deepEqual(monthPeriod('2026-02'), {
    kind: 'month',
    label: '2026-02',
    from: '2026-02-01',
    to: '2026-02-28',
  });
  assert.equal(monthPeriod('2024-02').to, '2024-02-29');
});

test('bad periods throw invalid_period', () => {
  for (const [fn, input] of [
    [dayPeriod, '2026-02-30'],
    [weekPeriod, '2026-W54'],
    [weekPeriod, '2026-W00'],
    [weekPeriod, '2021-W53'],
    [monthPeriod, '2026-13'],
    [monthPeriod, 'august'],
  ] as const) {
    assert.throws(
      () => fn(input),
      (e) => isAppError(e, 'invalid_period'),
      input,
    );
  }
});

test('periods shift to their neighbours', () => {
  assert.equal(shiftPeriod(dayPeriod('2026-03-01'), -1).label, '2026-02-28');
  assert.equal(shiftPeriod(weekPeriod('2026-W01'), -1).label, '2025-W52');
  assert.equal(shiftPeriod(monthPeriod('2026-12'), 1).label, '2027-01');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
});

test('the feed day depends on the time zone', () => {
  const instant = new Date('2026-08-22T02:30:00Z');
  assert.equal(dayInZone(instant, 'UTC'), '2026-08-22');
  assert.equal(dayInZone(instant, 'America/New_York'), '2026-08-21');
});
