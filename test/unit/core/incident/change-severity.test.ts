import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { ONCALL_NOT_CONFIGURED_DETAIL } from '../../../support/fakes/index.js';
import { alice, declared, messageTexts, rejection, stranger } from './declared.js';

describe('changeSeverity', () => {
  it('raises: stores, records, edits the announcement, refreshes topic and purpose, posts, re-announces and pages', async () => {
    const d = await declared();
    d.clock.advance({ minutes: 5 });
    const result = await d.incidents.changeSeverity(d.channelId, 'sev1', alice);

    expect(result).toMatchObject({ changed: true, from: 'SEV2', to: 'SEV1', direction: 'raised', problems: [] });
    expect(result.incident.severity).toBe('SEV1');
    expect((await d.store.incidents.get(1))?.severity).toBe('SEV1');
    const event = (await d.store.timeline.list(1)).find((e) => e.kind === 'severity_changed');
    expect(event).toMatchObject({ actor: 'U0ALICE', data: { from: 'SEV2', to: 'SEV1', direction: 'raised' } });

    const announcement = d.incident.announcement!;
    expect(d.chat.callsTo('updateMessage')).toEqual([[announcement.channelId, announcement.ts, { text: `announcement INC-1 SEV1 investigating IC <@U0ALICE> in <#${d.channelId}>` }]]);
    expect(d.chat.callsTo('setTopic')).toEqual([[d.channelId, 'SEV1 | investigating | IC <@U0ALICE>']]);
    expect(d.chat.callsTo('setPurpose')).toHaveLength(1);
    expect(messageTexts(d, d.channelId).at(-1)).toBe('severity INC-1 SEV2 -> SEV1 by <@U0ALICE>');
    expect(messageTexts(d, 'C0ANNOUNCE')).toEqual([`announcement INC-1 SEV1 investigating IC <@U0ALICE> in <#${d.channelId}>`, 'severity INC-1 SEV2 -> SEV1 by <@U0ALICE>']);
    // Already paged at SEV2 (high urgency): no second page; the whole escalation policy joins.
    expect(d.oncall.pages).toEqual([]);
    expect(d.oncall.lookups.at(-1)).toEqual({ escalationPolicyId: 'PEPCHECKOUT' });
  });

  it('follows the new cadence for reminders', async () => {
    const d = await declared();
    d.clock.advance({ minutes: 5 });
    await d.incidents.changeSeverity(d.channelId, 'SEV1', alice);
    const pending = await d.store.jobs.listPending('reminder:1:');
    expect(pending.map((j) => j.runAt)).toEqual([new Date('2026-03-02T14:15:00Z')]);
  });

  it('lowers without re-announcing or paging', async () => {
    const d = await declared();
    const result = await d.incidents.changeSeverity(d.channelId, '3', alice);
    expect(result).toMatchObject({ changed: true, direction: 'lowered', to: 'SEV3' });
    expect(messageTexts(d, 'C0ANNOUNCE')).toHaveLength(1);
    expect(d.chat.callsTo('updateMessage')).toHaveLength(1);
    expect(d.oncall.pages).toEqual([]);
    expect((await d.store.jobs.listPending('reminder:1:')).map((j) => j.runAt)).toEqual([new Date('2026-03-02T15:00:00Z')]);
  });

  it('changes nothing when the severity is already that', async () => {
    const d = await declared();
    const result = await d.incidents.changeSeverity(d.channelId, 's2', alice);
    expect(result).toMatchObject({ changed: false, direction: 'unchanged', from: 'SEV2', to: 'SEV2', reason: 'INC-1 is already SEV2 (high).' });
    expect(d.chat.calls.filter((c) => c.method !== 'usersInGroup')).toEqual([]);
  });

  it('changes nothing on a resolved incident', async () => {
    const d = await declared();
    await d.incidents.resolve(d.channelId, null, alice);
    const result = await d.incidents.changeSeverity(d.channelId, 'SEV1', alice);
    expect(result).toMatchObject({ changed: false, reason: 'INC-1 is resolved; its severity can no longer change.' });
    expect((await d.store.incidents.get(1))?.severity).toBe('SEV2');
  });

  it('notes an unconfigured on-call integration on the timeline, not as a problem of the raise', async () => {
    const d = await declared({ severity: 'SEV4' });
    d.oncall.configured = false;
    const result = await d.incidents.changeSeverity(d.channelId, 'SEV1', alice);
    expect(result.changed).toBe(true);
    expect(result.problems ?? []).toEqual([]);
    const skipped = await d.store.timeline.findByKey('act:paged:1:SEV1');
    expect(skipped).toMatchObject({ kind: 'bot_action', text: `Nobody was paged for SEV1: ${ONCALL_NOT_CONFIGURED_DETAIL}` });
  });

  it('keeps the change when Slack fails, logging the problem on the timeline', async () => {
    const d = await declared();
    d.chat.failOn('updateMessage', 'message_not_found');
    const result = await d.incidents.changeSeverity(d.channelId, 'SEV1', alice);
    expect(result.incident.severity).toBe('SEV1');
    expect(result.problems).toEqual(['Could not update the announcement: slack chat.update failed: message_not_found']);
    const problems = (await d.store.timeline.list(1)).filter((e) => e.kind === 'integration_problem');
    expect(problems.map((e) => e.text)).toEqual(result.problems);
  });

  it('refuses unknown severities, outsiders and channels that are not war rooms', async () => {
    const d = await declared();
    expect(isDomainError(await rejection(d.incidents.changeSeverity(d.channelId, 'SEV0', alice)), 'UNKNOWN_SEVERITY')).toBe(true);
    expect(isDomainError(await rejection(d.incidents.changeSeverity(d.channelId, 'SEV1', stranger)), 'FORBIDDEN')).toBe(true);
    const elsewhere = await rejection(d.incidents.changeSeverity('C0RANDOM', 'SEV1', alice));
    expect(isDomainError(elsewhere, 'NOT_AN_INCIDENT_CHANNEL')).toBe(true);
    expect(elsewhere.message).toBe('Run this inside an incident channel, or use /incident list to find one.');
    expect((await d.store.incidents.get(1))?.severity).toBe('SEV2');
  });
});
