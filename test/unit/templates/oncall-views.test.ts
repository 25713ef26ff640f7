import { describe, expect, it } from 'vitest';
import type { ChatMessage, PagedResponder } from '../../../src/core/ports.js';
import { allText, anIncident, expectSafeMrkdwn, expectValidBlocks, NASTY_TITLE, setup, visible } from './support.js';

const NASTY_NAME = 'Eve <!here> *Evil* @channel & <@U0EVIL1>';
const responders: PagedResponder[] = [
  { name: 'Priya Primary', slackUserId: 'U0PRIMARY', level: 1, until: null },
  { name: NASTY_NAME, slackUserId: null, level: 2, until: null },
];

type Button = { type: 'button'; action_id: string; value: string; text: { text: string } };
const buttons = (message: ChatMessage): Button[] =>
  ((message.blocks ?? []) as { type: string; elements?: Button[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

function everyView(incident = anIncident()) {
  const { views } = setup();
  const by = { name: NASTY_NAME, slackUserId: null };
  return {
    paged: views.paged(incident, { severity: 'SEV1', requestedBy: null, urgency: 'high', responders, ackBy: new Date('2026-11-25T14:05:00Z'), link: 'https://pd.example/incidents/P1' }),
    pagedByHand: views.paged(incident, { severity: null, requestedBy: 'U0ACTOR', urgency: null, responders: [], ackBy: null, link: null }),
    pageFailed: views.pageFailed(incident, { severity: 'SEV1', reason: `pagerduty failed: 400 ${NASTY_NAME}` }),
    ackOverdue: views.ackOverdue(incident, { level: 1, deadlineMinutes: 5, escalatedTo: { level: 2, responders }, notEscalated: null, link: 'https://pd.example/incidents/P1' }),
    ackOverdueLast: views.ackOverdue(incident, { level: 3, deadlineMinutes: 5, escalatedTo: null, notEscalated: 'level 3 is the last level', link: null }),
    pageAcknowledged: views.pageAcknowledged(incident, { by, at: new Date('2026-11-25T14:02:30Z'), afterMs: 150_000, link: 'https://pd.example/incidents/P1' }),
    pageResolved: views.pageResolved(incident, { by, link: 'https://pd.example/incidents/P1' }),
    pageTriggered: views.pageTriggered({ title: NASTY_TITLE, number: 77, urgency: 'high', service: 'check*out*', link: 'https://pd.example/incidents/PEXT1', declareValue: '{"v":1}' }),
  };
}

describe('on-call views', () => {
  it('produce valid blocks and escape titles, names and reasons from people and PagerDuty', () => {
    for (const [name, message] of Object.entries(everyView(anIncident({ title: NASTY_TITLE })))) {
      try {
        expectValidBlocks(message);
        expectSafeMrkdwn(message);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
    }
  });

  it('say who was paged (mentions for Slack accounts, names otherwise), the urgency, the deadline and the link', () => {
    const text = allText(everyView().paged);
    expect(text).toContain('On-call paged for *SEV1* (high urgency).');
    expect(text).toContain('• <@U0PRIMARY> · level 1');
    expect(visible(text)).toContain(`• ${NASTY_NAME} (no Slack account with their on-call email) · level 2`);
    expect(text).toContain('*Acknowledge by:* 14:05 UTC');
    expect(text).toContain('<https://pd.example/incidents/P1|Open the page in PagerDuty>');
    expect(everyView().paged.text).toContain('Paged <@U0PRIMARY>, ');
    expect(allText(everyView().pagedByHand)).toContain('<@U0ACTOR> paged on-call by hand.');
  });

  it('offer Retry on a failed page, and "Resolve in Warroom" on a resolved one, carrying the incident id', () => {
    const views = everyView();
    expect(buttons(views.pageFailed)).toEqual([expect.objectContaining({ action_id: 'incident_retry_page', value: '42' })]);
    expect(visible(allText(views.pageFailed))).toContain(`pagerduty failed: 400 ${NASTY_NAME}`);
    expect(buttons(views.pageResolved)).toEqual([expect.objectContaining({ action_id: 'incident_resolve_from_page', value: '42', text: expect.objectContaining({ text: 'Resolve in Warroom' }) })]);
    expect(allText(views.pageResolved)).toContain('<@U0COMMANDER>, is the incident over?');
  });

  it('tell the commander about an unacknowledged page and what was escalated', () => {
    const views = everyView();
    expect(allText(views.ackOverdue)).toContain('<@U0COMMANDER>, nobody acknowledged the page within 5 minutes (level 1).');
    expect(allText(views.ackOverdue)).toContain('Escalated to level 2: <@U0PRIMARY>, ');
    expect(allText(views.ackOverdueLast)).toContain('Not escalated: level 3 is the last level.');
  });

  it('show the acknowledgement time and the time to acknowledge', () => {
    expect(visible(allText(everyView().pageAcknowledged))).toContain(`Page acknowledged by ${NASTY_NAME} at 14:02 UTC, 2m after the page.`);
  });

  it('offer a war room for a page triggered outside Warroom, with the value as given', () => {
    const message = everyView().pageTriggered;
    expect(buttons(message)).toEqual([expect.objectContaining({ action_id: 'incident_declare_from_page', value: '{"v":1}', text: expect.objectContaining({ text: 'Declare war room' }) })]);
    expect(allText(message)).toContain('<https://pd.example/incidents/PEXT1|PagerDuty incident #77>');
  });
});

describe('on-call responses', () => {
  const { responses } = setup();
  const until = new Date('2026-11-25T18:00:00Z');
  const entry = (level: number, name: string, slackUserId: string | null, end: Date | null) => ({
    level,
    person: { id: `P${name}`, name, email: null },
    until: end,
    escalationPolicy: { id: 'PEP1', name: 'Checkout' },
    schedule: { id: 'S1', name: 'Primary rotation' },
    slackUserId,
  });

  it('/incident oncall shows who is on call per level and until when', () => {
    const message = responses.onCall({ service: 'checkout', policyId: 'PEP1', entries: [entry(2, NASTY_NAME, null, null), entry(1, 'Priya', 'U0PRIMARY', until)] });
    expectValidBlocks(message);
    expectSafeMrkdwn(message);
    const text = allText(message);
    expect(text).toContain('On call now for service checkout');
    expect(text.indexOf('*Level 1*')).toBeLessThan(text.indexOf('*Level 2*'));
    expect(text).toContain('• <@U0PRIMARY> (Priya) · until Wed 25 Nov 18:00 UTC · Primary rotation');
    expect(visible(text)).toContain(`• ${NASTY_NAME} · always on call`);
    expect(allText(responses.onCall({ service: null, policyId: 'PEP1', entries: [] }))).toContain('Nobody is on call for this escalation policy right now.');
  });

  it('/incident page says whom it paged, and where', () => {
    const outcome = { paged: true, summary: 'ok', link: 'https://pd.example/incidents/PM1', externalId: 'PM1', urgency: 'high' as const, escalationPolicyId: null };
    const inRoom = responses.manualPage({ incident: anIncident(), target: { kind: 'user', email: 'sam@example.com' }, outcome, responders: [{ name: 'sam@example.com', slackUserId: 'U0SECOND', level: null, until: null }], invited: ['U0SECOND'] });
    expectValidBlocks(inRoom);
    expect(allText(inRoom)).toContain(':pager: Paged <@U0SECOND> (high urgency) for incident #42.');
    expect(allText(inRoom)).toContain('Invited to the war room: <@U0SECOND>.');
    const elsewhere = responses.manualPage({ incident: null, target: { kind: 'service', name: 'check*out*' }, outcome: { ...outcome, link: 'javascript:alert(1)' }, responders: [], invited: [] });
    expectSafeMrkdwn(elsewhere);
    expect(allText(elsewhere)).not.toContain('javascript:');
    expect(allText(elsewhere)).toContain('`/incident declare …`');
  });

  it('changed() words a retried page', () => {
    expect(allText(responses.changed({ incident: anIncident(), changed: true }, 'retry'))).toContain('Paging worked this time for incident #42');
    expect(allText(responses.changed({ incident: anIncident(), changed: false, reason: 'on-call was already paged for INC-42.' }, 'retry'))).toContain(
      'Nothing changed: on-call was already paged for INC-42.',
    );
  });
});
