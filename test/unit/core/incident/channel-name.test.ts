import { describe, expect, it } from 'vitest';
import { channelName, MAX_CHANNEL_NAME, slugify, withSuffix } from '../../../../src/core/incident/channel-name.js';

const VALID = /^[a-z0-9_-]{1,80}$/;
const name = (title: string, pattern = 'inc-{date}-{slug}', id = 42): string => channelName({ pattern, date: '20260302', id, title });

function expectValid(value: string): void {
  expect(value).toMatch(VALID);
  expect(value.endsWith('-')).toBe(false);
  expect(value).not.toContain('--');
}

describe('channel names', () => {
  it('fills the pattern with date and slug', () => {
    expect(name('Checkout returns 500 for EU customers')).toBe('inc-20260302-checkout-returns-500-for-eu-customers');
  });

  it('supports {id} and sanitizes the pattern itself', () => {
    expect(name('DB down', 'INC {id}-{slug}')).toBe('inc-42-db-down');
    expect(name('DB down', 'incident-{id}')).toBe('incident-42');
  });

  it('transliterates Latin accents', () => {
    expect(slugify('Crème brûlée in Zürich: straße, Ærø, Łódź')).toBe('creme-brulee-in-zurich-strasse-aero-lodz');
  });

  it('keeps Slack broadcasts, mentions, links and mrkdwn out of the name', () => {
    expect(name('<!channel> *Checkout* is _down_ for <@U123ABC> @here see <https://status.example.com|status page> :fire:')).toBe(
      'inc-20260302-checkout-is-down-for-see-status-page',
    );
    expect(slugify('`api` ~errors~ <#C123|ops>')).toBe('api-errors-ops');
  });

  it('keeps underscores inside words', () => {
    expect(slugify('snake_case_service broke')).toBe('snake_case_service-broke');
  });

  it.each([
    ['emoji only', '🔥🔥🚨'],
    ['emoji codes only', ':fire: :rotating_light:'],
    ['Chinese', '数据库宕机'],
    ['Cyrillic', 'База данных упала'],
    ['punctuation only', '!!! ??? ...'],
  ])('falls back to the incident id for a title with no Latin letters (%s)', (_, title) => {
    const value = name(title);
    expect(value).toBe('inc-20260302-incident-42');
    expectValid(value);
  });

  it('keeps the Latin part of a mixed title', () => {
    expect(name('API 数据库 down')).toBe('inc-20260302-api-down');
  });

  it('truncates a 500-character title to at most 80 characters at a word boundary', () => {
    const title = 'Payments gateway timeouts '.repeat(20).slice(0, 500);
    expect(title).toHaveLength(500);
    const value = name(title);
    expectValid(value);
    expect(value.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
    expect(value.length).toBeGreaterThan(70);
    expect(value.startsWith('inc-20260302-payments-gateway-timeouts-payments')).toBe(true);
    expect(['payments', 'gateway', 'timeouts']).toContain(value.split('-').at(-1));
  });

  it('cuts a single very long word hard, never ending with a dash', () => {
    const value = name('x'.repeat(500));
    expect(value).toHaveLength(80);
    expectValid(value);
  });

  it('adds suffixes for clashes, staying within 80 characters', () => {
    expect(withSuffix('inc-20260302-db-down', 2)).toBe('inc-20260302-db-down-2');
    const long = name('word '.repeat(100));
    for (const n of [2, 9, 10, 20, 123]) {
      const suffixed = withSuffix(long, n);
      expect(suffixed.length).toBeLessThanOrEqual(80);
      expect(suffixed.endsWith(`-${n}`)).toBe(true);
      expectValid(suffixed);
    }
  });
});
