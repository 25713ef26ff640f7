import { describe, expect, it } from 'vitest';
import { createTimeFormat, escapeMarkdown, escapeMrkdwn, escapeMrkdwnMessage, formatDuration, formatRelative, plainText } from '../../../src/templates/index.js';

const ZW = '\u200B';

describe('escaping', () => {
  it('mrkdwn: entities, broadcasts and formatting at word edges, not inside words', () => {
    expect(escapeMrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMrkdwn('<!channel> <@U123>')).toBe('&lt;!channel&gt; &lt;@U123&gt;');
    expect(escapeMrkdwn('ping @here and @Channel')).toBe(`ping @${ZW}here and @${ZW}Channel`);
    expect(escapeMrkdwn('*bold*')).toBe(`${ZW}*${ZW}bold${ZW}*${ZW}`);
    expect(escapeMrkdwn('db_primary_lag')).toBe('db_primary_lag');
    expect(escapeMrkdwn('already &amp;')).toBe('already &amp;amp;');
  });

  it('message: keeps real user and channel mentions, nothing else', () => {
    expect(escapeMrkdwnMessage('ask <@U0AB12> in <#C0AB12> *now* <!here> <https://x|y>')).toBe('ask <@U0AB12> in <#C0AB12> *now* &lt;!here&gt; &lt;https://x|y&gt;');
  });

  it('markdown: HTML and @-mentions neutralised for GitHub', () => {
    expect(escapeMarkdown('<script> @octocat & a@b')).toBe(`&lt;script&gt; @${ZW}octocat &amp; a@${ZW}b`);
  });

  it('plain text: angle brackets become look-alikes, whitespace collapses', () => {
    expect(plainText(' <@U1>\n<!here> ')).toBe('‹@U1› ‹!here›');
  });
});

describe('formatting', () => {
  it('durations', () => {
    expect([0, 45_000, 12 * 60_000, 72 * 60_000, 2 * 3_600_000, 51 * 3_600_000, -90_000].map(formatDuration)).toEqual(['0s', '45s', '12m', '1h 12m', '2h', '2d 3h', '1m']);
  });

  it('relative times', () => {
    const base = new Date('2026-11-25T12:00:00Z');
    expect(formatRelative(new Date('2026-11-25T12:15:00Z'), base)).toBe('in 15m');
    expect(formatRelative(new Date('2026-11-25T11:00:00Z'), base)).toBe('1h ago');
    expect(formatRelative(new Date('2026-11-25T12:00:20Z'), base)).toBe('now');
  });

  it('times in the configured zone with its short name', () => {
    const at = new Date('2026-11-25T14:05:00Z');
    expect(createTimeFormat('UTC').time(at)).toBe('14:05 UTC');
    expect(createTimeFormat('Europe/Berlin').dateTime(at)).toBe('Wed 25 Nov 15:05 CET');
    expect(createTimeFormat('America/New_York').time(at)).toBe('09:05 EST');
    expect(createTimeFormat('Asia/Kolkata').time(at)).toBe('19:35 GMT+5:30');
  });
});
