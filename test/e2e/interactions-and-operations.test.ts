import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARE_MODAL_CALLBACK_ID, DECLARE_MODAL_IDS } from '../../src/templates/index.js';
import { PEOPLE, startHarness, type Harness } from '../support/e2e-harness.js';

describe('shortcut and modal, read-only subcommands, and the operational endpoints, end to end', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function command(text: string, channelId: string, userId: string = PEOPLE.alice) {
    const result = await h.slack.slashCommand({ text, userId, channelId });
    expect(result.status).toBe(200);
    await h.settle();
    return h.fake.workspace.responses.at(-1);
  }

  it('opens the declare modal from the global shortcut and from a bare /incident, and declares on submission', async () => {
    const shortcut = await h.slack.interaction({ type: 'shortcut', callback_id: 'incident_declare_shortcut', trigger_id: '11.22.33', user: { id: PEOPLE.bob, username: 'bob', team_id: 'T0WARROOM' }, action_ts: '1700000000.1' });
    expect(shortcut.status).toBe(200);
    await h.settle();
    await command('', h.general, PEOPLE.bob);
    const opened = h.fake.callsTo('views.open');
    expect(opened).toHaveLength(2);
    expect((opened[0]?.args.view as { callback_id?: string }).callback_id).toBe(DECLARE_MODAL_CALLBACK_ID);

    const ids = DECLARE_MODAL_IDS;
    const values = {
      [ids.title.block]: { [ids.title.action]: { type: 'plain_text_input', value: 'Login failures for EU users' } },
      [ids.severity.block]: { [ids.severity.action]: { type: 'static_select', selected_option: { value: 'SEV2' } } },
      [ids.service.block]: { [ids.service.action]: { type: 'static_select', selected_option: { value: 'checkout' } } },
      [ids.started.block]: { [ids.started.action]: { type: 'plain_text_input', value: null } },
      [ids.impact.block]: { [ids.impact.action]: { type: 'plain_text_input', value: 'About 8% of EU logins fail' } },
      [ids.private.block]: { [ids.private.action]: { type: 'checkboxes', selected_options: [] } },
    };
    const submitted = await h.slack.interaction({
      type: 'view_submission',
      user: { id: PEOPLE.bob, username: 'bob', team_id: 'T0WARROOM' },
      trigger_id: '44.55.66',
      view: { id: 'V0MODAL0001', callback_id: DECLARE_MODAL_CALLBACK_ID, type: 'modal', hash: 'h', private_metadata: '', state: { values } },
    });
    expect(submitted.status).toBe(200);
    await h.settle();
    const [incident] = await h.deps.store.incidents.listOpen();
    expect(incident).toMatchObject({ title: 'Login failures for EU users', severity: 'SEV2', service: 'checkout', impact: 'About 8% of EU logins fail', declaredBy: PEOPLE.bob });
    const dm = h.fake.workspace.imChannelFor(PEOPLE.bob);
    expect(JSON.stringify(h.fake.workspace.messages(dm.id))).toContain(incident?.channelId as string);
  });

  it('refuses an empty modal title inside the modal, creating nothing', async () => {
    const ids = DECLARE_MODAL_IDS;
    const result = await h.slack.interaction({
      type: 'view_submission',
      user: { id: PEOPLE.carol, username: 'carol', team_id: 'T0WARROOM' },
      view: { id: 'V0MODAL0002', callback_id: DECLARE_MODAL_CALLBACK_ID, type: 'modal', hash: 'h', state: { values: { [ids.title.block]: { [ids.title.action]: { type: 'plain_text_input', value: '   ' } } } } },
    });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ response_action: 'errors', errors: { [ids.title.block]: expect.any(String) } });
    expect(await h.deps.store.incidents.listOpen()).toHaveLength(1);
  });

  it('answers help, note, status and timeline pages', async () => {
    const [incident] = await h.deps.store.incidents.listOpen();
    const room = incident?.channelId as string;
    const help = await command('help', h.general);
    for (const sub of ['declare', 'sev', 'role', 'update', 'note', 'status', 'mitigated', 'resolve', 'timeline', 'list']) expect(JSON.stringify(help)).toContain(`/incident ${sub}`);

    await command('note Customer support says EU logins fail since 09:10', room, PEOPLE.bob);
    const notes = (await h.deps.store.timeline.list(incident?.id as number)).filter((e) => e.kind === 'note');
    expect(notes.map((n) => n.text)).toEqual(['Customer support says EU logins fail since 09:10']);

    const status = await command('status', room, PEOPLE.mallory); // reading is open to everyone
    expect(JSON.stringify(status)).toMatch(/SEV2/);
    expect(JSON.stringify(status)).toMatch(/investigating/i);

    for (let n = 0; n < 25; n += 1) {
      await h.slack.event({ type: 'message', channel: room, user: PEOPLE.carol, text: `finding ${n}`, ts: `1700100${String(n).padStart(3, '0')}.000100` });
    }
    const page2 = await command('timeline 2', room);
    expect(JSON.stringify(page2)).toMatch(/finding/);
    const tooFar = await command('timeline 9', room);
    expect(tooFar?.text ?? '').toMatch(/page/i);
  });

  it('keeps messages that arrive before the channel is linked to its incident', async () => {
    h.fake.setLatency(150, 'conversations.setTopic'); // hold the declaration open after the channel exists
    const declaring = h.slack.slashCommand({ text: 'declare Queue backlog growing --sev SEV3', userId: PEOPLE.alice, channelId: h.general });
    let channelId: string | undefined;
    for (let i = 0; i < 200 && !channelId; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      channelId = h.fake.workspace.channelByName(String(h.fake.callsTo('conversations.create').at(-1)?.args.name ?? '-'))?.id;
    }
    expect(channelId).toBeDefined();
    await h.slack.event({ type: 'message', channel: channelId, user: PEOPLE.bob, text: 'first!', ts: '1700200000.000100' });
    await declaring;
    await h.settle();
    h.fake.setLatency(0, 'conversations.setTopic');
    const incident = await h.deps.store.incidents.findByChannel(channelId as string);
    const texts = (await h.deps.store.timeline.list(incident?.id as number)).map((e) => e.text);
    expect(texts).toContain('first!');
  });

  it('serves /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { database: { ok: true }, slack: { ok: true } } });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/warroom_commands_total\{command="declare",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/warroom_incidents_open\{severity="SEV2",state="investigating"\} 1/);
    expect(metrics).toMatch(/warroom_slack_api_calls_total\{method="conversations.create",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/warroom_timeline_events_total\{kind="message",outcome="stored"\} \d+/);
  });

  it('reports not ready when the database is gone', async () => {
    await h.deps.store.close();
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, checks: { database: { ok: false } } });
  });
});
