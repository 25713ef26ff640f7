import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { aDraft, anItem, COMMANDER, createPostmortemHarness, REPO, resolvedIncident } from './harness.js';

const actor = { userId: COMMANDER };

describe('postmortem: open and save', () => {
  it('refuses while the incident is investigating, saying when it becomes possible', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h, { state: 'investigating', mitigatedAt: null, resolvedAt: null });
    const err = await h.postmortems.open(incident.channelId!, actor).catch((e: unknown) => e);
    expect(isDomainError(err, 'INVALID_TRANSITION') && err.message).toMatch(/once it is mitigated .* or resolved/);
  });

  it('prefills from the record, with lint, and returns the stored draft once saved', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h);
    const opened = await h.postmortems.open(incident.channelId!, actor);
    expect(opened.draft.summary).toBe('SEV2 incident on checkout: Checkout returns 500s, resolved after 1h.');
    expect(opened.draft.impact.who).toBe('Card payments fail for 20%');
    expect(opened.draft.rootCause.category).toBe('unknown');
    expect(opened.durations.toResolve).toBe(60 * 60_000);
    const saved = await h.postmortems.saveDraft(incident.id, aDraft([anItem(1, { description: 'Improve things', validation: null })]), actor);
    expect(saved.lint.map((f) => f.rule)).toEqual(['no_validation', 'vague_action']);
    expect((await h.postmortems.open(incident.channelId!, actor)).draft.actionItems[0]?.description).toBe('Improve things');
  });

  it('refuses an invalid draft, naming the field, and stores nothing', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h);
    const err = await h.postmortems.saveDraft(incident.id, aDraft([anItem(1, { dueDate: '2026-02-30' })]), actor).catch((e: unknown) => e);
    expect(isDomainError(err, 'BAD_INPUT') && err.details.field).toBe('actionItems[0].dueDate');
    expect(await h.store.postmortems.getByIncident(incident.id)).toBeNull();
  });
});

describe('postmortem: publish', () => {
  it('creates the action-item issues, then the postmortem issue, links both ways, moves the incident and tells the channel', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h);
    await h.postmortems.saveDraft(incident.id, aDraft(), actor);
    const result = await h.postmortems.publish(incident.id, actor);

    expect(result).toMatchObject({ created: 3, updated: 0 });
    const [a1, a2, pm] = h.codeHost.issues;
    expect(a1).toMatchObject({ repository: REPO, number: 1, labels: ['postmortem-action', 'priority-p1', 'incident-1'], assignees: ['bob-gh'] });
    expect(a2).toMatchObject({ number: 2, labels: ['postmortem-action', 'priority-p0', 'incident-1'], assignees: [] });
    expect(pm).toMatchObject({ number: 3, title: 'Postmortem: [SEV2] Checkout returns 500s (incident #1)', labels: ['postmortem', 'SEV2'] });
    expect(pm!.body).toContain('- [ ] #1 Alert on pool exhaustion 1');
    expect(pm!.body).toContain('- [ ] #2 Alert on pool exhaustion 2');
    // Due dates defaulted from the priority, from today (2026-03-02).
    expect(result.actionItems.map((i) => i.dueDate)).toEqual(['2026-03-30', '2026-03-16']);
    expect(a1!.body).toContain('Postmortem: https://github.example/acme/checkout/issues/3');
    expect(a1!.body).toContain('2026-03-30');

    expect(await h.store.incidents.get(incident.id)).toMatchObject({ state: 'postmortem', links: { postmortem: pm!.url } });
    expect((await h.store.timeline.list(incident.id)).some((e) => e.data.action === 'postmortem_published')).toBe(true);
    expect(h.chat.messagesIn(incident.channelId!).at(-1)?.message.text).toContain(pm!.url);
  });

  it('re-publishing updates the same issues, never a duplicate', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h);
    await h.postmortems.saveDraft(incident.id, aDraft(), actor);
    await h.postmortems.publish(incident.id, actor);
    await h.postmortems.saveDraft(incident.id, aDraft([anItem(1, { description: 'Alert on pool exhaustion at 90%' }), anItem(2), anItem(3)]), actor);
    const again = await h.postmortems.publish(incident.id, actor);
    expect(again).toMatchObject({ created: 1, updated: 3 });
    expect(h.codeHost.issues.map((i) => i.number)).toEqual([1, 2, 3, 4]);
    expect(h.codeHost.issue(REPO, 1)?.title).toBe('Alert on pool exhaustion at 90%');
    expect(h.codeHost.issue(REPO, 3)?.body).toContain('- [ ] #4 Alert on pool exhaustion 3');
    expect(h.actionItems.all().map((i) => [i.key, i.issueNumber])).toEqual([['a1', 1], ['a2', 2], ['a3', 4]]);
  });

  it('a failure halfway keeps the draft, says it can be retried, and the retry creates nothing twice', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h);
    await h.postmortems.saveDraft(incident.id, aDraft(), actor);
    h.codeHost.failOn('createIssue', { after: 1, reason: '502 Bad Gateway' });
    const err = await h.postmortems.publish(incident.id, actor).catch((e: unknown) => e);
    expect(isDomainError(err, 'INTEGRATION_FAILED') && err.message).toMatch(/502 Bad Gateway.*draft is saved.*Retry/);
    expect(h.actionItems.all().map((i) => [i.key, i.issueNumber])).toEqual([['a1', 1]]);
    expect((await h.store.incidents.get(incident.id))?.state).toBe('resolved');

    h.codeHost.heal();
    const retried = await h.postmortems.publish(incident.id, actor);
    expect(retried).toMatchObject({ created: 2, updated: 1 });
    expect(h.codeHost.issues.map((i) => i.title)).toEqual(['Alert on pool exhaustion 1', 'Alert on pool exhaustion 2', 'Postmortem: [SEV2] Checkout returns 500s (incident #1)']);
    expect((await h.store.incidents.get(incident.id))?.state).toBe('postmortem');
  });

  it('refuses a mitigated incident (resolve first) and a stranger', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h, { state: 'mitigated', resolvedAt: null });
    await h.postmortems.saveDraft(incident.id, aDraft(), actor);
    const early = await h.postmortems.publish(incident.id, actor).catch((e: unknown) => e);
    expect(isDomainError(early, 'INVALID_TRANSITION') && early.message).toContain('resolve it first');
    const stranger = await h.postmortems.publish(incident.id, { userId: 'U0STRANGER' }).catch((e: unknown) => e);
    expect(isDomainError(stranger, 'FORBIDDEN')).toBe(true);
    expect(h.codeHost.issues).toEqual([]);
  });

  it('uses the central repository for a service without one, and says what to configure when there is none', async () => {
    const h = createPostmortemHarness({ serviceRepositories: {} });
    const incident = await resolvedIncident(h);
    await h.postmortems.saveDraft(incident.id, aDraft([]), actor);
    await h.postmortems.publish(incident.id, actor);
    expect(h.codeHost.issues.map((i) => i.repository)).toEqual(['acme/postmortems']);

    const none = createPostmortemHarness({ serviceRepositories: {}, centralRepository: null });
    const other = await resolvedIncident(none);
    await none.postmortems.saveDraft(other.id, aDraft([]), actor);
    const err = await none.postmortems.publish(other.id, actor).catch((e: unknown) => e);
    expect(isDomainError(err, 'INTEGRATION_NOT_CONFIGURED') && err.message).toContain('centralRepository');
  });
});
