import { describe, expect, it } from 'vitest';
import { checkCronExpression, checkTimeZone, createSchedule, findMissedRun } from '../src/schedule';

describe('schedule', () => {
  it('computes the next occurrence in the configured time zone', () => {
    const paris = createSchedule('0 0 * * *', 'Europe/Paris');
    expect(paris.nextAfter(new Date('2026-06-10T12:00:00Z'))?.toISOString()).toBe('2026-06-10T22:00:00.000Z');
    expect(paris.nextAfter(new Date('2026-12-10T12:00:00Z'))?.toISOString()).toBe('2026-12-10T23:00:00.000Z');
    const every15 = createSchedule('*/15 * * * *', 'UTC');
    expect(every15.nextAfter(new Date('2026-06-10T12:00:00Z'))?.toISOString()).toBe('2026-06-10T12:15:00.000Z');
  });

  it.each([
    ['0 0 * *', /exactly 5 fields/],
    ['0 0 0 * * *', /exactly 5 fields/],
    ['@daily', /exactly 5 fields/],
    ['61 0 * * *', /not a valid cron expression: Invalid value for minute: 61/],
    ['0 25 * * *', /not a valid cron expression/],
    ['0 0 31 2 *', /never fires/],
    ['0 0 30 2 *', /never fires/],
  ])('refuses %s', (expression, message) => {
    expect(checkCronExpression(expression)).toMatch(message);
    expect(() => createSchedule(expression, 'UTC')).toThrow(TypeError);
  });

  it('accepts IANA zones and refuses unknown ones', () => {
    expect(checkTimeZone('America/New_York')).toBeNull();
    expect(checkTimeZone('UTC')).toBeNull();
    expect(checkTimeZone('Mars/Olympus_Mons')).toMatch(/not a known IANA time zone/);
  });
});

describe('findMissedRun', () => {
  const daily = createSchedule('0 0 * * *', 'UTC');
  const lastRunAt = new Date('2026-03-01T00:00:00Z');

  it('finds a run missed less than an hour ago', () => {
    expect(findMissedRun({ schedule: daily, lastRunAt, now: new Date('2026-03-02T00:59:59Z') })?.toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    );
  });

  it('ignores a run missed more than an hour ago', () => {
    expect(findMissedRun({ schedule: daily, lastRunAt, now: new Date('2026-03-02T01:00:01Z') })).toBeNull();
  });

  it('finds nothing when the last run was the latest occurrence, or when no run was ever recorded', () => {
    expect(findMissedRun({ schedule: daily, lastRunAt, now: new Date('2026-03-01T00:30:00Z') })).toBeNull();
    expect(findMissedRun({ schedule: daily, lastRunAt: null, now: new Date('2026-03-02T00:10:00Z') })).toBeNull();
  });

  it('makes up only the latest of several missed occurrences', () => {
    const every10 = createSchedule('*/10 * * * *', 'UTC');
    const missed = findMissedRun({
      schedule: every10,
      lastRunAt: new Date('2026-03-01T00:00:00Z'),
      now: new Date('2026-03-01T00:35:00Z'),
    });
    expect(missed?.toISOString()).toBe('2026-03-01T00:30:00.000Z');
  });
});
