/**
 * Postmortem end to end: resolve → the postmortem form → publish to GitHub (nock, GitHub's wire format) → a signed
 * webhook closes an action item → the review shows it completed → all closed → the incident is closed.
 */
import { createHmac } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItemSlotIds, POSTMORTEM_MODAL_CALLBACK_ID, POSTMORTEM_MODAL_IDS } from '../../src/templates/postmortem/index.js';
import { PEOPLE, startHarness, type Harness } from '../support/e2e-harness.js';

const GITHUB = 'https://api.github.com';
const SECRET = 'gh-webhook-secret-for-tests';

type Created = { title: string; body: string; labels: string[]; assignees: string[] };

function issueAnswer(repo: string, number: number, body: Partial<Created>, state: 'open' | 'closed' = 'open') {
  return {
    id: 1000 + number,
    number,
    title: body.title ?? `issue ${number}`,
    body: body.body ?? '',
    state,
    labels: (body.labels ?? []).map((name, i) => ({ id: i + 1, name })),
    assignees: (body.assignees ?? []).map((login) => ({ login })),
    html_url: `https://github.com/${repo}/issues/${number}`,
    repository_url: `${GITHUB}/repos/${repo}`,
    closed_at: state === 'closed' ? '2026-03-10T10:00:00Z' : null,
    updated_at: '2026-03-10T10:00:00Z',
    created_at: '2026-03-10T10:00:00Z',
  };
}

describe('postmortem end to end', { timeout: 60_000 }, () => {
  let h: Harness;
  let room: string;
  let incidentId: number;
  const created: Created[] = [];
  let next = 40;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    h = await startHarness({
      env: { GITHUB_TOKEN: 'ghp_testtoken0123456789', GITHUB_WEBHOOK_SECRET: SECRET },
      checkoutExtra: '    github_repository: acme/checkout\n',
      extraYaml: `github:\n  users: { ${PEOPLE.bob}: bob-gh }\n`,
    });
    // Every issue the bot creates in acme/checkout gets the next number; updates and comments are answered in kind.
    nock(GITHUB)
      .persist()
      .post('/repos/acme/checkout/issues')
      .reply(201, (_uri, body) => {
        created.push(body as Created);
        return issueAnswer('acme/checkout', next++, body as Created);
      })
      .patch(/\/repos\/acme\/checkout\/issues\/\d+/)
      .reply(200, (uri, body) => issueAnswer('acme/checkout', Number(uri.split('/').pop()), body as Created, (body as { state?: 'open' | 'closed' }).state ?? 'open'))
      .post(/\/repos\/acme\/checkout\/issues\/\d+\/comments/)
      .reply(201, { id: 1, body: 'ok' })
      .get(/\/search\/issues/)
      .reply(200, { total_count: 0, incomplete_results: false, items: [] });

    await h.slack.slashCommand({ text: 'declare Checkout returns 500 --sev SEV2 --service checkout', userId: PEOPLE.alice, channelId: h.general });
    await h.settle();
    const [incident] = await h.deps.store.incidents.listOpen();
    room = incident?.channelId as string;
    incidentId = incident?.id as number;
    await h.slack.slashCommand({ text: 'resolve Pool size restored', userId: PEOPLE.alice, channelId: room });
    await h.settle();
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await h?.close();
  });

  it('opens the form prefilled from the record, saves the draft with blameless suggestions, and publishes to GitHub', async () => {
    await h.slack.slashCommand({ text: 'postmortem', userId: PEOPLE.alice, channelId: room });
    await h.settle();
    const opened = h.fake.callsTo('views.open').at(-1);
    expect((opened?.args.view as { callback_id: string }).callback_id).toBe(POSTMORTEM_MODAL_CALLBACK_ID);
    expect(JSON.stringify(opened?.args.view)).toContain('Checkout returns 500');

    const ids = POSTMORTEM_MODAL_IDS;
    const text = (value: string) => ({ type: 'plain_text_input', value });
    const values: Record<string, Record<string, unknown>> = {
      [ids.summary.block]: { [ids.summary.action]: text('Checkout returned 500s for 38 minutes after a pool-size change.') },
      [ids.impactWho.block]: { [ids.impactWho.action]: text('EU shoppers') },
      [ids.impactWhat.block]: { [ids.impactWhat.action]: text('8% of checkouts failed') },
      [ids.costEstimate.block]: { [ids.costEstimate.action]: text('') },
      [ids.rootCauseCategory.block]: { [ids.rootCauseCategory.action]: { type: 'static_select', selected_option: { value: 'config_or_flag' } } },
      [ids.rootCauseNarrative.block]: { [ids.rootCauseNarrative.action]: text('Human error: the pool size was set to 5 <script>alert(1)</script> @acme/everyone') },
      [ids.contributingFactors.block]: { [ids.contributingFactors.action]: text('No canary for config changes.') },
      [ids.wentWell.block]: { [ids.wentWell.action]: text('Rollback was fast.') },
      [ids.wentWrong.block]: { [ids.wentWrong.action]: text('Alert fired late.') },
      [ids.lessons.block]: { [ids.lessons.action]: text('Config is code.') },
    };
    const slot = (i: number, description: string, owner: string, validation: string) => {
      const s = actionItemSlotIds(i);
      values[s.description.block] = { [s.description.action]: text(description) };
      values[s.owner.block] = { [s.owner.action]: { type: 'users_select', selected_user: owner } };
      values[s.priority.block] = { [s.priority.action]: { type: 'static_select', selected_option: { value: 'P0' } } };
      values[s.dueDate.block] = { [s.dueDate.action]: { type: 'datepicker', selected_date: null } };
      values[s.validation.block] = { [s.validation.action]: text(validation) };
    };
    slot(0, 'Canary config changes for 10% of pods for 15 minutes', PEOPLE.bob, 'A bad pool size is caught by the canary in a game day');
    slot(1, 'Alert when pool saturation exceeds 90% for 2 minutes', PEOPLE.carol, 'The alert fires in a load test');

    const submitted = await h.slack.interaction({
      type: 'view_submission',
      user: { id: PEOPLE.alice, username: 'alice', team_id: 'T0WARROOM' },
      view: { id: 'V0PM00001', callback_id: POSTMORTEM_MODAL_CALLBACK_ID, type: 'modal', hash: 'h', private_metadata: String(incidentId), state: { values } },
    });
    expect(submitted.status).toBe(200);
    await h.settle();
    expect((await h.deps.store.postmortems.getByIncident(incidentId))?.draft.actionItems).toHaveLength(2);
    const review = h.fake.workspace.ephemerals.filter((e) => e.user === PEOPLE.alice).at(-1);
    expect(JSON.stringify(review)).toMatch(/[Hh]uman error/);
    expect(JSON.stringify(review)).toContain('postmortem_publish');

    const publish = await h.slack.interaction({
      type: 'block_actions',
      user: { id: PEOPLE.alice, username: 'alice', team_id: 'T0WARROOM' },
      channel: { id: room, name: 'room' },
      container: { type: 'message', message_ts: '1.1', channel_id: room },
      trigger_id: '3.3.3',
      response_url: h.fake.newResponseUrl(),
      actions: [{ type: 'button', action_id: 'postmortem_publish', block_id: 'pm', value: String(incidentId), action_ts: '1.2' }],
    });
    expect(publish.status).toBe(200);
    await h.settle();

    expect(created).toHaveLength(3); // two action items, then the postmortem
    const [first, , postmortemIssue] = created as [Created, Created, Created];
    expect(first.labels).toEqual(expect.arrayContaining(['postmortem-action', 'priority-p0', `incident-${incidentId}`]));
    expect(first.assignees).toEqual(['bob-gh']);
    expect(postmortemIssue.labels).toEqual(expect.arrayContaining(['postmortem', 'SEV2']));
    expect(postmortemIssue.body).toMatch(/- \[ \] #40/);
    expect(postmortemIssue.body).not.toContain('<script>');
    expect(postmortemIssue.body).not.toMatch(/(^|[^\u200b])@acme\/everyone/);
    expect((await h.deps.store.incidents.get(incidentId))?.state).toBe('postmortem');
    expect(h.fake.workspace.messages(room).some((m) => m.text.includes('https://github.com/acme/checkout/issues/42'))).toBe(true);

    // Publishing again updates the same issues: nothing new is created.
    await h.slack.interaction({
      type: 'block_actions',
      user: { id: PEOPLE.alice, username: 'alice', team_id: 'T0WARROOM' },
      channel: { id: room, name: 'room' },
      container: { type: 'message', message_ts: '1.1', channel_id: room },
      trigger_id: '3.3.4',
      response_url: h.fake.newResponseUrl(),
      actions: [{ type: 'button', action_id: 'postmortem_publish', block_id: 'pm', value: String(incidentId), action_ts: '1.3' }],
    });
    await h.settle();
    expect(created).toHaveLength(3);
  });

  it('follows the action items through signed GitHub webhooks until the incident is closed', async () => {
    const items = await h.deps.store.actionItems.listByIncident(incidentId);
    const closedEvent = (item: (typeof items)[number], delivery: string) => {
      const body = JSON.stringify({
        action: 'closed',
        issue: { ...issueAnswer(item.repository, item.issueNumber, { title: item.description, labels: ['postmortem-action'] }, 'closed'), closed_at: h.clock.now().toISOString() },
        repository: { full_name: item.repository },
        sender: { login: 'bob-gh' },
      });
      return { body, headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': delivery, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` } };
    };
    const send = (e: ReturnType<typeof closedEvent>) => fetch(`${h.url}/webhooks/github`, { method: 'POST', headers: e.headers, body: e.body });

    const first = closedEvent(items[0]!, 'delivery-1');
    expect((await send({ ...first, headers: { ...first.headers, 'x-hub-signature-256': 'sha256=00' } })).status).toBe(401);
    expect(await (await send(first)).json()).toEqual({ result: 'handled' });
    expect(await (await send(first)).json()).toEqual({ result: 'duplicate' });
    const closedOne = await h.deps.store.actionItems.get(items[0]!.id);
    expect(closedOne).toMatchObject({ state: 'closed', flaggedUnvalidated: true }); // closed on GitHub without a validation note

    const report = await h.deps.followup.actions({});
    expect(report.completedLastWeek.map((i) => i.id)).toContain(items[0]!.id);
    expect([...report.overdue, ...report.dueThisWeek, ...report.later].map((r) => r.item.id)).toEqual([items[1]!.id]);

    expect(await (await send(closedEvent(items[1]!, 'delivery-2'))).json()).toEqual({ result: 'handled' });
    expect((await h.deps.store.incidents.get(incidentId))?.state).toBe('closed');
  });
});
