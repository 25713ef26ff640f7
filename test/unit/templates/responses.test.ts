import { describe, expect, it } from 'vitest';
import { DomainError, IntegrationError } from '../../../src/core/errors.js';
import type { TimelineEvent } from '../../../src/core/incident/model.js';
import { DEFAULT_SEVERITIES } from '../../../src/config/defaults.js';
import { allText, anIncident, expectSafeMrkdwn, expectValidBlocks, NASTY_TITLE, setup } from './support.js';

function event(i: number, overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    id: i,
    incidentId: 42,
    channelId: 'C0WARROOM',
    key: `msg:C0WARROOM:${i}`,
    kind: 'message',
    occurredAt: new Date(Date.UTC(2026, 10, 25, 23, 50 + i * 5)),
    actor: 'U0ALICE',
    text: `message ${i}`,
    messageTs: null,
    threadTs: null,
    marks: [],
    deleted: false,
    editedAt: null,
    refs: {},
    data: {},
    ...overrides,
  };
}

describe('responses', () => {
  const { responses } = setup();

  it('help lists every subcommand with an example', () => {
    const message = responses.help();
    expectValidBlocks(message);
    const text = allText(message);
    for (const example of [
      '`/incident declare Checkout returns 500s --sev SEV1 --service checkout`',
      '`/incident update ',
      '`/incident sev SEV1`',
      '`/incident role ic @alice`',
      '`/incident note ',
      '`/incident status`',
      '`/incident mitigated ',
      '`/incident resolve ',
      '`/incident timeline 2`',
      '`/incident list`',
      '`/incident help`',
    ]) {
      expect(text).toContain(example);
    }
    expect(text).toContain('`--sev SEV1|SEV2|SEV3|SEV4` (default SEV3)');
    expect(text).toContain('(ic, scribe, comms)');
    expect(text).toContain('React with :pushpin:');
    expect(text).not.toMatch(/<(?![@#])/);
  });

  it('usageError shows the parser’s message with Slack entities escaped', () => {
    const message = responses.usageError('Usage: `/incident declare <title>` <!channel>');
    expectSafeMrkdwn(message);
    expect(allText(message)).toContain(':question: Usage: `/incident declare &lt;title&gt;` &lt;!channel&gt;');
    expect(allText(message)).toContain('`/incident help`');
  });

  it('failure shows a DomainError’s message and hides everything else', () => {
    expect(responses.failure(new DomainError('UNKNOWN_SEVERITY', 'Unknown severity SEV9: use one of SEV1, SEV2.')).text).toBe(':warning: Unknown severity SEV9: use one of SEV1, SEV2.');
    for (const err of [new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'), new IntegrationError('slack', 'chat.postMessage', 'ratelimited'), 'weird']) {
      const message = responses.failure(err);
      expect(message.text).toMatch(/^:warning: Sorry, that did not work because of a problem on Warroom’s side/);
      expect(allText(message)).not.toMatch(/ECONNREFUSED|hunter2|ratelimited|weird/);
    }
  });

  it('declared points to the war room, and says when a retry found the first one', () => {
    const incident = anIncident({ title: NASTY_TITLE });
    const created = responses.declared({ incident, created: true, problems: ['Could not invite users: <boom>'] });
    expectSafeMrkdwn(created);
    expect(allText(created)).toContain('Declared *SEV2* incident #42');
    expect(allText(created)).toContain('War room: <#C0WARROOM>');
    expect(allText(created)).toContain('• Could not invite users: &lt;boom&gt;');
    const resumed = responses.declared({ incident, created: false, problems: [] });
    expect(allText(resumed)).toContain('You declared this a moment ago');
    expect(allText(resumed)).toContain('No second war room was opened.');
  });

  it('changed confirms each kind of change, or says why nothing changed', () => {
    const incident = anIncident();
    expect(responses.changed({ incident, changed: false, reason: 'The incident is already resolved.' }, 'resolve').text).toBe(':information_source: Nothing changed: The incident is already resolved.');
    expect(responses.changed({ incident: anIncident({ severity: 'SEV1' }), changed: true, from: 'SEV2', to: 'SEV1', direction: 'raised' } as never, 'severity').text).toBe(
      ':white_check_mark: Severity of incident #42 is now *SEV1* (was SEV2).',
    );
    expect(responses.changed({ incident, changed: true }, 'role').text).toBe(':white_check_mark: Role assigned. Roles now: Incident commander <@U0COMMANDER>, Scribe <@U0SCRIBE>.');
    expect(responses.changed({ incident, changed: true }, 'update').text).toContain('Status update posted');
    expect(responses.changed({ incident, changed: true }, 'note').text).toContain('Note added');
    expect(responses.changed({ incident, changed: true }, 'mitigated').text).toContain('incident #42 marked mitigated');
    const durations = { toDetect: null, toMitigate: 38 * 60_000, toResolve: 72 * 60_000, sinceDeclared: 0 };
    expect(responses.changed({ incident, changed: true, durations } as never, 'resolve').text).toBe(':white_check_mark: incident #42 resolved (time to mitigate 38m, time to resolve 1h 12m).');
    expect(responses.changed({ incident, changed: true, until: new Date('2026-11-25T14:20:00Z') } as never, 'snooze').text).toBe(':zzz: Reminder snoozed until 14:20 UTC.');
  });

  it('status shows state, severity, roles, elapsed times and the last update', () => {
    const message = responses.status({
      incident: anIncident({ title: NASTY_TITLE }),
      policy: DEFAULT_SEVERITIES[1]!,
      durations: { toDetect: 3 * 60_000, toMitigate: null, toResolve: null, sinceDeclared: 65 * 60_000 },
      nextUpdateDue: new Date('2026-11-25T14:25:00Z'),
      lastUpdate: { at: new Date('2026-11-25T14:00:00Z'), text: 'Rolled back <!here>' },
    });
    expectValidBlocks(message);
    expectSafeMrkdwn(message);
    const text = allText(message);
    for (const part of ['*Status*\n:red_circle: Investigating', '*Severity*\nSEV2 · high', '*Commander*\n<@U0COMMANDER>', '*Other roles*\nScribe: <@U0SCRIBE>', '(1h 5m ago)', '*Time to detect*\n3m', '*Last update* (14:00 UTC): Rolled back &lt;!here&gt;', '*Next update due:* 14:25 UTC']) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('Time to mitigate');
  });

  it('timelinePage lists events by day with key events marked and page navigation', () => {
    const events = [event(0, { kind: 'declared', actor: 'U0DECLARER', text: 'Declared SEV2' }), event(1, { marks: ['pin'], text: 'look <!channel> @here &amp; <@U0BOB>' }), event(2, { deleted: true }), event(3, { editedAt: new Date() }), event(4, { text: 'a &lt;b&gt; &amp; <https://x.example/a|link> see <@U0BOB|bob>' })];
    const message = responses.timelinePage({ incident: anIncident(), events, page: 2, pageCount: 3, total: 55 });
    expectValidBlocks(message);
    // Messages people wrote keep their mentions (they render as names), never their broadcasts.
    expectSafeMrkdwn(message, []);
    const text = allText(message);
    expect(text).toContain('look @\u200Bchannel @\u200Bhere &amp; <@U0BOB>');
    expect(text).toContain('*Wed 25 Nov*\n`23:50 UTC` :rotating_light: <@U0DECLARER>: Declared SEV2');
    expect(text).toContain('`23:55 UTC` :speech_balloon: :pushpin: <@U0ALICE>: look');
    expect(text).toContain('*Thu 26 Nov*\n`00:00 UTC` :speech_balloon: <@U0ALICE>: ~(deleted)~ message 2');
    expect(text).toContain('message 3 _(edited)_');
    expect(text).toContain(':speech_balloon: <@U0ALICE>: a &lt;b&gt; &amp; https://x.example/a see <@U0BOB>');
    expect(text).toContain('Page 2 of 3 · 55 events · previous: `/incident timeline 1` · next: `/incident timeline 3`');
  });

  it('timelinePage stays within Block Kit limits for a full page of long messages', () => {
    const events = Array.from({ length: 50 }, (_, i) => event(i, { text: 'x'.repeat(3000) }));
    const message = responses.timelinePage({ incident: anIncident(), events, page: 1, pageCount: 1, total: 50 });
    expectValidBlocks(message);
    expect(allText(message).match(/`\d\d:\d\d UTC`/g)).toHaveLength(50);
  });

  it('list shows open incidents most severe first, hiding private titles', () => {
    const message = responses.list([
      anIncident({ id: 1, severity: 'SEV3', title: 'Slow search' }),
      anIncident({ id: 2, severity: 'SEV1', title: 'Secret thing', isPrivate: true }),
      anIncident({ id: 3, severity: 'SEV1', title: 'Checkout down', declaredAt: new Date('2026-11-25T10:00:00Z') }),
    ]);
    expectValidBlocks(message);
    const lines = allText(message).split('\n').filter((l) => l.startsWith(':'));
    expect(lines.map((l) => /#(\d+)/.exec(l)?.[1])).toEqual(['3', '2', '1']);
    expect(allText(message)).not.toContain('Secret thing');
    expect(allText(message)).toContain('_private incident_');
    expect(responses.list([]).text).toBe(':white_check_mark: No open incidents.');
  });

  it('wrongPlace explains where the subcommand works', () => {
    expect(responses.wrongPlace('sev').text).toContain('`/incident sev` works inside an incident’s war room channel');
  });
});
