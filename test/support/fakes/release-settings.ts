import type { ReleaseSettings } from '../../../src/core/release/model.js';

/** The deploy-check defaults of warroom.yml, in a time zone of the test's choosing. */
export function testReleaseSettings(overrides: Partial<ReleaseSettings> & { timeZone?: string } = {}): ReleaseSettings {
  const { timeZone = 'Europe/Berlin', ...rest } = overrides;
  return {
    coverage: { lowAtLeast: 90, mediumAtLeast: 50 },
    timeOfWeek: { timeZone, lowRiskDays: [1, 2, 3, 4], businessStart: '09:00', businessEnd: '17:00', fridayAfternoonFrom: '12:00', eveningEnd: '22:00', freezeDates: [] },
    minEvents: 1000,
    staleAfterMinutes: 10,
    unknownCountsAs: 'REVIEW',
    approversGroup: null,
    queryConcurrency: 8,
    ...rest,
  };
}
