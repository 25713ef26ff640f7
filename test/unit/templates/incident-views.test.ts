import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/core/ports.js';
import { DEFAULT_SEVERITIES } from '../../../src/config/defaults.js';
import { anIncident, allText, expectSafeMrkdwn, expectValidBlocks, NASTY_TITLE, setup, textObjects, visible } from './support.js';

const SEV2 = DEFAULT_SEVERITIES[1]!;

/** Every view the core can post, for one incident. */
function everyView(incident = anIncident()): Record<string, ChatMessage> {
  const { views } = setup();
  return {
    declaration: views.declaration(incident, { nextUpdateDue: new Date('2026-11-25T14:25:00Z'), policy: SEV2 }),
    announcement: views.announcement(incident),
    severityChanged: views.severityChanged(incident, { from: 'SEV3', to: 'SEV1', actor: 'U0ACTOR' }),
    roleAssigned: views.roleAssigned(incident, { role: 'scribe', userId: 'U0NEWSCRIBE', actor: 'U0ACTOR' }),
    statusUpdate: views.statusUpdate(incident, { text: 'Rolled back', actor: 'U0COMMANDER', nextUpdateDue: new Date('2026-11-25T14:55:00Z') }),
    stateChanged: views.stateChanged({ ...incident, state: 'mitigated', mitigatedAt: new Date('2026-11-25T14:40:00Z') }, { actor: 'U0ACTOR', note: 'Traffic moved' }),
    reminder: views.reminder(incident, { attempt: 2, overdueMinutes: 10, snoozeMinutes: 15 }),
    problems: views.problems(incident, ['Could not invite users to the channel: not_in_channel']),
  };
}

describe('incident views', () => {
  it('produce valid blocks for every message', () => {
    for (const [name, message] of Object.entries(everyView())) {
      try {
        expectValidBlocks(message);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
    }
  });

  it('escape a hostile title everywhere they write it, in text and in blocks', () => {
    const incident = anIncident({ title: NASTY_TITLE, impact: 'Users see <!everyone> & cry', service: 'check*out*' });
    for (const [name, message] of Object.entries(everyView(incident))) {
      try {
        expectSafeMrkdwn(message);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
    }
  });

  it('still show the hostile title as typed (escaped for mrkdwn, raw in plain-text headers)', () => {
    const { views } = setup();
    const message = views.declaration(anIncident({ title: NASTY_TITLE }), { nextUpdateDue: null, policy: SEV2 });
    const header = textObjects(message).find((t) => t.type === 'plain_text');
    expect(header?.text).toContain(NASTY_TITLE);
    expect(visible(message.text)).toContain(NASTY_TITLE);
    const body = textObjects(message).filter((t) => t.type === 'mrkdwn').map((t) => visible(t.text));
    expect(body.join('\n')).toContain(`*What:* ${NASTY_TITLE}`);
  });

  it('truncate a 500-character title in the header but keep it whole in the text', () => {
    const title = `${'Very long title '.repeat(31)}END`.slice(0, 500);
    const { views } = setup();
    const message = views.declaration(anIncident({ title }), { nextUpdateDue: null, policy: SEV2 });
    expectValidBlocks(message);
    const header = (message.blocks as { type: string; text: { text: string } }[])[0]!;
    expect(header.type).toBe('header');
    expect(Array.from(header.text.text).length).toBe(150);
    expect(header.text.text.endsWith('…')).toBe(true);
    expect(message.text).toContain(title);
    expect(allText(message)).toContain(`*What:* ${title}`);
  });

  it('keep huge free text within the section limit without cutting entities', () => {
    const { views } = setup();
    const text = '<&>'.repeat(2000);
    const message = views.statusUpdate(anIncident(), { text, actor: 'U0COMMANDER', nextUpdateDue: null });
    expectValidBlocks(message);
    for (const t of textObjects(message)) expect(t.text).not.toMatch(/&[a-z]{0,3}…/);
  });

  it('write the declaration with what, severity, impact, commander, status and the next update', () => {
    const { views } = setup('Europe/Berlin');
    const message = views.declaration(anIncident({ links: { PagerDuty: 'https://pd.example/incidents/1' } }), { nextUpdateDue: new Date('2026-11-25T14:25:00Z'), policy: SEV2 });
    const text = allText(message);
    expect(text).toContain('*SEV2 · high*: Partial outage or 1–10% of capacity affected');
    expect(text).toContain('*What:* Checkout returns 500s');
    expect(text).toContain('*Impact:* Card payments fail for 20% of users');
    expect(text).toContain('*Commander:* <@U0COMMANDER>');
    expect(text).toContain('*Status:* :red_circle: Investigating');
    expect(text).toContain('*Impact began:* Wed 25 Nov 14:52 CET (declared 3m later)');
    expect(text).toContain('*Next status update due:* 15:25 CET (every 30 minutes for SEV2)');
    expect(text).toContain('Deploys are frozen');
    expect(text).toContain('<https://pd.example/incidents/1|PagerDuty>');
  });

  it('keep the title of a private incident out of the announcement', () => {
    const { views } = setup();
    const message = views.announcement(anIncident({ isPrivate: true, title: 'Credentials leaked' }));
    expect(allText(message)).not.toContain('Credentials leaked');
    expect(allText(message)).toContain('private incident #42');
    expect(views.topic(anIncident({ isPrivate: true, title: 'Credentials leaked' }))).not.toContain('Credentials');
  });

  it('show the latest update and the resolution in the announcement it edits in place', () => {
    const { views } = setup();
    const incident = anIncident({ state: 'resolved', resolvedAt: new Date('2026-11-25T15:04:00Z'), lastUpdateAt: new Date('2026-11-25T14:30:00Z'), lastUpdateText: 'Fixed <@U0HELPER>' });
    const text = allText(views.announcement(incident));
    expect(text).toContain('*Latest update* (14:30 UTC): Fixed <@U0HELPER>');
    expect(text).toContain('Resolved Wed 25 Nov 15:04 UTC, 1h 12m after impact began.');
    expect(text).toContain('*War room:* <#C0WARROOM>');
  });

  it('say whether a severity change raised or lowered it, with the new policy', () => {
    const { views } = setup();
    const raised = allText(views.severityChanged(anIncident({ severity: 'SEV1' }), { from: 'SEV3', to: 'SEV1', actor: 'U0ACTOR' }));
    expect(raised).toContain('<@U0ACTOR> raised the severity of incident #42 (Checkout returns 500s) from *SEV3* to *SEV1* (critical)');
    expect(raised).toContain('Status updates are now due every 15 minutes. Deploys are frozen. A postmortem will be required.');
    const lowered = allText(views.severityChanged(anIncident({ severity: 'SEV4' }), { from: 'SEV2', to: 'SEV4', actor: 'U0ACTOR' }));
    expect(lowered).toContain('lowered the severity');
    expect(lowered).toContain('No status-update cadence at SEV4.');
  });

  it('name the role by its label', () => {
    const { views } = setup();
    const message = views.roleAssigned(anIncident(), { role: 'commander', userId: 'U0NEWIC', actor: 'U0ACTOR' });
    expect(allText(message)).toContain('<@U0NEWIC> is now *Incident commander* (assigned by <@U0ACTOR>).');
    expect(allText(message)).toContain('hand over with `/incident role ic @someone`');
  });

  it('keep mentions in status updates but neutralise broadcasts', () => {
    const { views } = setup();
    const message = views.statusUpdate(anIncident(), { text: 'Ask <@U0HELPER> <!channel> @here', actor: 'U0COMMANDER', nextUpdateDue: new Date('2026-11-25T14:55:00Z') });
    expectSafeMrkdwn(message);
    expect(allText(message)).toContain('Ask <@U0HELPER> &lt;!channel&gt; @\u200Bhere');
    expect(allText(message)).toContain('_Next update due by 14:55 UTC_');
  });

  it('summarise resolution with time to mitigate and resolve and the postmortem duty', () => {
    const { views } = setup();
    const incident = anIncident({ severity: 'SEV1', state: 'resolved', mitigatedAt: new Date('2026-11-25T14:30:00Z'), resolvedAt: new Date('2026-11-25T15:04:00Z') });
    const text = allText(views.stateChanged(incident, { actor: 'U0ACTOR', note: null }));
    expect(text).toContain(':large_green_circle: <@U0ACTOR> marked the incident *Resolved*.');
    expect(text).toContain('Time to mitigate: 38m. Time to resolve: 1h 12m.');
    expect(text).toContain('A postmortem is required, due within 48 h.');
  });

  it('escalate the reminder wording and offer a Snooze button', () => {
    const { views } = setup();
    const incident = anIncident();
    const [first, second, third, later] = [1, 2, 3, 6].map((attempt) => views.reminder(incident, { attempt, overdueMinutes: (attempt - 1) * 15, snoozeMinutes: 15 }));
    expect(allText(first!)).toContain('<@U0COMMANDER>, a status update is due');
    expect(allText(second!)).toContain('the status update is *overdue* by 15 minutes');
    expect(allText(third!)).toContain('*still no status update*: 30 minutes overdue (reminder 3)');
    expect(allText(third!)).toContain('hand command to someone who can: `/incident role ic @someone`');
    expect(allText(later!)).toContain('(reminder 6)');
    for (const message of [first!, second!, third!, later!]) {
      const actions = (message.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]).find((b) => b.type === 'actions');
      expect(actions?.elements?.[0]).toMatchObject({ action_id: 'incident_snooze_reminder', value: '42', text: { text: 'Snooze 15 min' } });
    }
  });

  it('ask someone to take command when a reminder finds no commander', () => {
    const { views } = setup();
    const text = allText(views.reminder(anIncident({ roles: {} }), { attempt: 1, overdueMinutes: 0, snoozeMinutes: 15 }));
    expect(text).toContain('Nobody holds the commander role: take it with `/incident role ic @you`.');
  });

  it('list each problem', () => {
    const { views } = setup();
    const text = allText(views.problems(anIncident(), ['Could not invite: a', 'Could not pin: b']));
    expect(text).toContain('2 steps did not work:\n• Could not invite: a\n• Could not pin: b');
  });

  describe('topic and purpose', () => {
    it('say severity, state, commander and title in plain text', () => {
      const { views } = setup();
      expect(views.topic(anIncident())).toBe('SEV2 · Investigating · IC <@U0COMMANDER> · Checkout returns 500s');
      expect(views.topic(anIncident({ roles: {} }))).toBe('SEV2 · Investigating · IC unassigned · Checkout returns 500s');
      expect(views.purpose(anIncident())).toBe('War room for incident #42 (SEV2 high) · service checkout: Checkout returns 500s');
    });

    it('never let the title mention anyone, and stay within 250 characters', () => {
      const { views } = setup();
      const topic = views.topic(anIncident({ title: `${NASTY_TITLE} ${'x'.repeat(400)}` }));
      expect(topic.length).toBeLessThanOrEqual(250);
      expect(topic.match(/<[^>]*>/g)).toEqual(['<@U0COMMANDER>']);
      expect(topic).toContain('‹!channel›');
      const purpose = views.purpose(anIncident({ title: 'y'.repeat(600) }));
      expect(purpose.length).toBeLessThanOrEqual(250);
      expect(purpose.endsWith('…')).toBe(true);
    });
  });
});
