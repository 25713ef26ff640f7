import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { createResolve } from '../../../../src/core/incident/transitions.js';
import { createPostmortemReminderHandler, POSTMORTEM_REMINDER_JOB_KIND } from '../../../../src/core/postmortem/index.js';
import type { CodeHostIssue, CodeHostWebhookEvent, Job } from '../../../../src/core/ports.js';
import { aDraft, anItem, COMMANDER, createPostmortemHarness, REPO, resolvedIncident } from './harness.js';

const actor = { userId: COMMANDER };
let delivery = 0;
const event = (action: string, issue: CodeHostIssue): CodeHostWebhookEvent => ({ id: `d${++delivery}`, event: 'issues', action, issue, sender: 'someone' });

async function published() {
  const h = createPostmortemHarness();
  const incident = await resolvedIncident(h);
  await h.postmortems.saveDraft(incident.id, aDraft(), actor);
  await h.postmortems.publish(incident.id, actor);
  const close = (n: number) => h.codeHost.edit(REPO, n, { state: 'closed', closedAt: h.clock.now() });
  return { h, incident, close };
}

describe('postmortem: GitHub webhook', () => {
  it('a close without a validation note is flagged and said in the war room; the task list gets checked', async () => {
    const { h, incident, close } = await published();
    expect(await h.postmortems.handleCodeHostWebhook(event('closed', close(1)))).toBe('handled');
    const [item] = h.actionItems.all();
    expect(item).toMatchObject({ state: 'closed', flaggedUnvalidated: true, closedAt: h.clock.now() });
    expect(h.chat.messagesIn(incident.channelId!).at(-1)?.message.text).toContain('without a validation note');
    expect(h.codeHost.issue(REPO, 3)?.body).toContain('- [x] #1 ');
    expect((await h.store.incidents.get(incident.id))?.state).toBe('postmortem');
  });

  it('a redelivery is a duplicate; other events and unknown issues are ignored', async () => {
    const { h, close } = await published();
    const closed = event('closed', close(1));
    await h.postmortems.handleCodeHostWebhook(closed);
    expect(await h.postmortems.handleCodeHostWebhook(closed)).toBe('duplicate');
    expect(await h.postmortems.handleCodeHostWebhook({ ...event('opened', close(2)) })).toBe('ignored');
    expect(await h.postmortems.handleCodeHostWebhook(event('closed', { ...close(2), number: 99 }))).toBe('ignored');
  });

  it('reopened → open again; assigned → owner mapped back to Slack; edited title → description', async () => {
    const { h } = await published();
    await h.postmortems.handleCodeHostWebhook(event('closed', h.codeHost.edit(REPO, 2, { state: 'closed', closedAt: h.clock.now() })));
    await h.postmortems.handleCodeHostWebhook(event('reopened', h.codeHost.edit(REPO, 2, { state: 'open', closedAt: null })));
    await h.postmortems.handleCodeHostWebhook(event('assigned', h.codeHost.edit(REPO, 2, { assignees: ['bob-gh'] })));
    await h.postmortems.handleCodeHostWebhook(event('edited', h.codeHost.edit(REPO, 2, { title: 'Alert when the pool is 90% used' })));
    expect(h.actionItems.all()[1]).toMatchObject({ state: 'open', closedAt: null, flaggedUnvalidated: false, ownerGithub: 'bob-gh', ownerSlackId: 'U0BOB', description: 'Alert when the pool is 90% used' });
  });

  it('when every action item is closed, the incident is closed and the channel is offered archiving', async () => {
    const { h, incident, close } = await published();
    await h.postmortems.handleCodeHostWebhook(event('closed', close(1)));
    await h.postmortems.handleCodeHostWebhook(event('closed', close(2)));
    expect((await h.store.incidents.get(incident.id))?.state).toBe('closed');
    expect(h.chat.messagesIn(incident.channelId!).at(-1)?.message.text).toMatch(/closed.*archived/s);
    expect((await h.store.timeline.list(incident.id)).some((e) => e.data.action === 'incident_closed')).toBe(true);
  });

  it('the poll closes what the webhooks missed', async () => {
    const { h, close } = await published();
    close(2);
    expect(await h.postmortems.syncOpenItems()).toBe(1);
    expect(h.actionItems.all().map((i) => i.state)).toEqual(['open', 'closed']);
    expect(await h.postmortems.syncOpenItems()).toBe(0);
  });
});

describe('postmortem: Done, reschedule, snooze', () => {
  it('Done comments the note, closes the issue, stores the note (no flag), and the close webhook then changes nothing', async () => {
    const { h, incident } = await published();
    const [first] = h.actionItems.all();
    const done = await h.postmortems.completeActionItem(first!.id, 'Alert fired in the game day', { userId: 'U0BOB' });
    expect(done).toMatchObject({ state: 'closed', validationNote: 'Alert fired in the game day', flaggedUnvalidated: false });
    expect(h.codeHost.comments).toEqual([{ repository: REPO, number: 1, body: 'Validated: Alert fired in the game day' }]);
    expect(h.codeHost.issue(REPO, 1)?.state).toBe('closed');
    expect(await h.postmortems.handleCodeHostWebhook(event('closed', h.codeHost.issue(REPO, 1)!))).toBe('handled');
    expect(h.actionItems.all()[0]?.flaggedUnvalidated).toBe(false);
    const second = h.actionItems.all()[1]!;
    await h.postmortems.completeActionItem(second.id, 'Runbook tested', actor);
    expect((await h.store.incidents.get(incident.id))?.state).toBe('closed');
  });

  it('Done needs a note and the owner, a role holder or a responder', async () => {
    const { h } = await published();
    const [first] = h.actionItems.all();
    expect(isDomainError(await h.postmortems.completeActionItem(first!.id, '  ', actor).catch((e: unknown) => e), 'BAD_INPUT')).toBe(true);
    expect(isDomainError(await h.postmortems.completeActionItem(first!.id, 'ok', { userId: 'U0STRANGER' }).catch((e: unknown) => e), 'FORBIDDEN')).toBe(true);
    expect(h.codeHost.comments).toEqual([]);
  });

  it('reschedule updates the issue body and the row; refuses a past date; snooze adds a week', async () => {
    const { h } = await published();
    const [first] = h.actionItems.all();
    const moved = await h.postmortems.rescheduleActionItem(first!.id, '2026-04-20', actor);
    expect(moved.dueDate).toBe('2026-04-20');
    expect(h.codeHost.issue(REPO, 1)?.body).toContain('2026-04-20');
    const past = await h.postmortems.rescheduleActionItem(first!.id, '2026-03-01', actor).catch((e: unknown) => e);
    expect(isDomainError(past, 'BAD_INPUT') && past.message).toContain('in the past');
    expect((await h.postmortems.snoozeActionItem(first!.id, actor)).dueDate).toBe('2026-04-27');
    expect(h.codeHost.issue(REPO, 1)?.body).toContain('2026-04-27');
  });
});

describe('postmortem reminders', () => {
  const runDue = async (h: ReturnType<typeof createPostmortemHarness>, handler: (job: Job) => Promise<void>) => {
    const jobs = await h.store.jobs.claimDue(h.clock.now(), 'w', 60_000, 10);
    for (const job of jobs) {
      await handler(job);
      await h.store.jobs.complete(job.id, 'w');
    }
    return jobs.length;
  };

  it('resolving a SEV2 schedules a reminder at the due time; the commander is reminded daily until published', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h, { state: 'investigating', mitigatedAt: null, resolvedAt: null });
    await createResolve(h.incidentDeps)(incident.channelId!, null, actor);
    const [job] = await h.store.jobs.listPending('postmortem:');
    expect(job).toMatchObject({ kind: POSTMORTEM_REMINDER_JOB_KIND, key: `postmortem:${incident.id}:1`, runAt: new Date('2026-03-04T14:00:00Z') });

    const handler = createPostmortemReminderHandler(h.deps);
    h.clock.set('2026-03-04T14:00:00Z');
    expect(await runDue(h, handler)).toBe(1);
    const reminders = () => h.chat.messagesIn(incident.channelId!).filter((m) => m.message.text.includes('was due'));
    expect(reminders().at(-1)?.message.text).toContain(`<@${COMMANDER}>`);
    h.clock.set('2026-03-05T14:00:00Z');
    expect(await runDue(h, handler)).toBe(1);
    expect(reminders()).toHaveLength(2);

    await h.postmortems.saveDraft(incident.id, aDraft([anItem(1)]), actor);
    await h.postmortems.publish(incident.id, actor);
    expect(await h.store.jobs.listPending('postmortem:')).toEqual([]);
    h.clock.set('2026-03-08T14:00:00Z');
    expect(await runDue(h, handler)).toBe(0);
    expect(reminders()).toHaveLength(2);
  });

  it('a SEV3 needs no postmortem: nothing is scheduled', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h, { severity: 'SEV3', state: 'investigating', mitigatedAt: null, resolvedAt: null });
    await createResolve(h.incidentDeps)(incident.channelId!, null, actor);
    expect(await h.store.jobs.listPending('postmortem:')).toEqual([]);
  });
});
