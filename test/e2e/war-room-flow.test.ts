import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChannel } from '../../src/playground/slack/index.js';
import { PEOPLE, startHarness, type Harness } from '../support/e2e-harness.js';

/** Human messages use Slack-like timestamps; the fake's bot messages use their own, so these never clash. */
const humanTs = (n: number) => `1700000${String(n).padStart(3, '0')}.000100`;
const MIN = 60_000;

describe('war room end to end: the real Bolt app over signed HTTP against a fake Slack', () => {
  let h: Harness;
  let room: FakeChannel;
  let incidentId: number;
  const deliveredEvents: { event: Record<string, unknown>; eventId: string }[] = [];

  async function command(text: string, userId: string = PEOPLE.alice, channelId?: string) {
    const result = await h.slack.slashCommand({ text, userId, channelId: channelId ?? room.id });
    expect(result.status).toBe(200);
    await h.settle();
    const responses = h.fake.workspace.responses;
    return responses[responses.length - 1];
  }

  async function event(payload: Record<string, unknown>) {
    const result = await h.slack.event(payload);
    expect(result.status).toBe(200);
    deliveredEvents.push({ event: payload, eventId: result.eventId });
  }

  const timelineKinds = async () => (await h.deps.capture.fullTimeline(incidentId)).map((e) => e.kind);
  const channelMessages = () => h.fake.workspace.messages(room.id);
  const announceMessages = () => h.fake.workspace.messages(h.announceChannel);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('rejects a request whose signature does not verify', async () => {
    const result = await h.slack.raw('command=%2Fincident&text=list', 'application/x-www-form-urlencoded', { 'x-slack-signature': 'v0=deadbeef' });
    expect(result.status).toBe(401);
  });

  it('declares: channel, topic, invites, pinned declaration, escaped announcement, ephemeral reply', async () => {
    const started = new Date(h.clock.now().getTime() - 10 * MIN).toISOString();
    const reply = await command(`declare Checkout 500s <!channel> *now* --sev SEV2 --service checkout --started ${started}`, PEOPLE.alice, h.general);
    const created = h.fake.callsTo('conversations.create');
    expect(created).toHaveLength(1);
    const name = String(created[0]?.args.name);
    expect(name).toMatch(/^inc-\d{8}-checkout-500s/);
    room = h.fake.workspace.channelByName(name) as FakeChannel;
    expect(room).toBeDefined();
    const incident = await h.deps.store.incidents.findByChannel(room.id);
    incidentId = incident?.id as number;
    expect(room.members).toEqual(expect.arrayContaining([PEOPLE.alice, PEOPLE.bob, PEOPLE.carol]));
    expect(room.topic.value).toContain('SEV2');
    expect(room.purpose.value.length).toBeGreaterThan(0);
    expect(room.pins).toHaveLength(1);
    expect(channelMessages().some((m) => m.ts === room.pins[0])).toBe(true);

    const announcement = announceMessages();
    expect(announcement).toHaveLength(1);
    const announceText = JSON.stringify(announcement[0]);
    // The mention is neutralised everywhere the bot writes the title: Slack pings only for <!channel>.
    for (const text of [announceText, JSON.stringify(channelMessages()), room.topic.value, room.purpose.value]) {
      expect(text).not.toContain('<!channel>');
      expect(text).toContain('Checkout 500s');
    }

    expect(reply?.responseType ?? 'ephemeral').toBe('ephemeral');
    expect(JSON.stringify(reply)).toContain(room.id);

    expect(incident).toMatchObject({ severity: 'SEV2', state: 'investigating', service: 'checkout', declaredBy: PEOPLE.alice, roles: { commander: PEOPLE.alice } });
    expect(incident?.startedAt?.toISOString()).toBe(started);
    // declared; paging skipped (not configured); the context snapshot and its suspects
    expect(await timelineKinds()).toEqual(['declared', 'bot_action', 'bot_action', 'bot_action']);
    const keys = (await h.deps.store.timeline.list(incidentId)).map((e) => e.key);
    expect(keys.filter((k) => k.startsWith(`act:context:${incidentId}:`))).toHaveLength(2);
    const snapshot = channelMessages().find((m) => /Prometheus is not configured/.test(JSON.stringify(m)));
    expect(snapshot).toBeDefined(); // each missing integration degrades to one line
  });

  it('captures messages, threads, files, edits and deletions', async () => {
    await event({ type: 'message', channel: room.id, user: PEOPLE.bob, text: 'errors started right after the 13:49 deploy <https://grafana.example.com/d/abc|dashboard>', ts: humanTs(1), channel_type: 'channel' });
    await event({ type: 'message', channel: room.id, user: PEOPLE.carol, text: 'looking at the pods', ts: humanTs(2), thread_ts: humanTs(1), channel_type: 'channel' });
    await event({ type: 'message', subtype: 'file_share', channel: room.id, user: PEOPLE.alice, text: 'heap dump', ts: humanTs(3), files: [{ id: 'F0HEAP0001', name: 'heap.txt', permalink: 'https://files.example.com/heap.txt' }], channel_type: 'channel' });
    await event({ type: 'message', channel: room.id, user: PEOPLE.bob, text: 'wrong channel, sorry', ts: humanTs(4), channel_type: 'channel' });
    await event({ type: 'message', subtype: 'message_changed', channel: room.id, ts: humanTs(50), message: { type: 'message', user: PEOPLE.carol, text: 'looking at the pods in eu-west-1', ts: humanTs(2) }, previous_message: { ts: humanTs(2) } });
    await event({ type: 'message', subtype: 'message_deleted', channel: room.id, ts: humanTs(51), deleted_ts: humanTs(4), previous_message: { ts: humanTs(4) } });
    await event({ type: 'message', subtype: 'channel_join', channel: room.id, user: PEOPLE.dave, text: '<@U0DAVE00001> has joined the channel', ts: humanTs(5) });

    const events = await h.deps.store.timeline.list(incidentId, { includeDeleted: true });
    const messages = events.filter((e) => e.kind === 'message');
    expect(messages.map((m) => m.messageTs)).toEqual([humanTs(1), humanTs(2), humanTs(3), humanTs(4)]);
    expect(messages[0]?.refs.links).toContain('https://grafana.example.com/d/abc');
    expect(messages[1]).toMatchObject({ threadTs: humanTs(1), text: 'looking at the pods in eu-west-1' });
    expect(messages[1]?.editedAt).not.toBeNull();
    expect(messages[2]?.refs.files?.[0]).toMatchObject({ id: 'F0HEAP0001', name: 'heap.txt' });
    expect(messages[3]?.deleted).toBe(true);
    expect((await h.deps.store.timeline.list(incidentId)).some((e) => e.messageTs === humanTs(4))).toBe(false);
  });

  it('marks key events by pin and by :pushpin:, and unmarks on removal', async () => {
    await event({ type: 'pin_added', user: PEOPLE.alice, channel_id: room.id, item: { type: 'message', channel: room.id, message: { ts: humanTs(1), text: 'x' } }, event_ts: humanTs(60) });
    await event({ type: 'reaction_added', user: PEOPLE.carol, reaction: 'pushpin', item: { type: 'message', channel: room.id, ts: humanTs(3) }, event_ts: humanTs(61) });
    await event({ type: 'reaction_added', user: PEOPLE.carol, reaction: 'eyes', item: { type: 'message', channel: room.id, ts: humanTs(2) }, event_ts: humanTs(62) });
    let byTs = async (ts: string) => (await h.deps.store.timeline.findByKey(`msg:${room.id}:${ts}`))?.marks ?? [];
    expect(await byTs(humanTs(1))).toEqual(['pin']);
    expect(await byTs(humanTs(3))).toHaveLength(1);
    expect(await byTs(humanTs(2))).toEqual([]);
    await event({ type: 'reaction_removed', user: PEOPLE.carol, reaction: 'pushpin', item: { type: 'message', channel: room.id, ts: humanTs(3) }, event_ts: humanTs(63) });
    expect(await byTs(humanTs(3))).toEqual([]);
    byTs = async () => [];
  });

  it('raises severity: announcement edited in place, war room told, topic follows', async () => {
    const updatesBefore = h.fake.callsTo('chat.update').length;
    await command('sev SEV1');
    const incident = await h.deps.store.incidents.get(incidentId);
    expect(incident?.severity).toBe('SEV1');
    const edits = h.fake.callsTo('chat.update').slice(updatesBefore);
    expect(edits.some((c) => c.args.channel === h.announceChannel && c.args.ts === incident?.announcement?.ts)).toBe(true);
    expect(JSON.stringify(announceMessages()[0])).toContain('SEV1');
    expect(h.fake.workspace.channel(room.id)?.topic.value).toContain('SEV1');
    expect(channelMessages().some((m) => m.text.includes('SEV1'))).toBe(true);
    expect(await timelineKinds()).toContain('severity_changed');
  });

  it('refuses state changes from people without a role, and explains commands used in the wrong place', async () => {
    const refusal = await command('resolve all good', PEOPLE.mallory);
    expect(refusal?.text ?? '').toMatch(/role|responder|commander/i);
    expect((await h.deps.store.incidents.get(incidentId))?.state).toBe('investigating');

    const wrongPlace = await command('sev SEV2', PEOPLE.alice, h.general);
    expect(wrongPlace?.text ?? '').toMatch(/war room channel/i);
    expect((await h.deps.store.incidents.get(incidentId))?.severity).toBe('SEV1');
  });

  it('assigns roles and posts status updates to the room and the announcement thread', async () => {
    await command(`role scribe <@${PEOPLE.carol}|carol>`);
    expect((await h.deps.store.incidents.get(incidentId))?.roles.scribe).toBe(PEOPLE.carol);

    h.clock.advance(5 * MIN);
    await command('update Rolled back checkout to v241, error rate falling');
    const incident = await h.deps.store.incidents.get(incidentId);
    expect(incident?.lastUpdateText).toBe('Rolled back checkout to v241, error rate falling');
    expect(channelMessages().some((m) => m.text.includes('Rolled back checkout'))).toBe(true);
    const thread = announceMessages().filter((m) => m.threadTs === incident?.announcement?.ts);
    expect(thread.some((m) => m.text.includes('Rolled back checkout'))).toBe(true);
  });

  it('reminds the commander when the SEV1 cadence lapses, once, with a Snooze that postpones the next one', async () => {
    const remindersIn = () => channelMessages().filter((m) => JSON.stringify(m.blocks ?? []).includes('incident_snooze_reminder'));
    h.clock.advance(10 * MIN);
    expect(await h.deps.jobRunner.runDue()).toBe(0);
    expect(remindersIn()).toHaveLength(0);

    h.clock.advance(6 * MIN); // 16 minutes after the last update
    await h.deps.jobRunner.runDue();
    await h.deps.jobRunner.runDue(); // a second worker pass must not remind twice
    expect(remindersIn()).toHaveLength(1);
    expect(JSON.stringify(remindersIn()[0])).toContain(`<@${PEOPLE.alice}>`);

    const click = await h.slack.interaction({
      type: 'block_actions',
      user: { id: PEOPLE.alice, username: 'alice', team_id: 'T0WARROOM' },
      channel: { id: room.id, name: room.name },
      container: { type: 'message', message_ts: remindersIn()[0]?.ts, channel_id: room.id },
      trigger_id: '1.2.3',
      response_url: h.fake.newResponseUrl(),
      actions: [{ type: 'button', action_id: 'incident_snooze_reminder', block_id: 'reminder', value: String(incidentId), action_ts: '1700000999.000000' }],
    });
    expect(click.status).toBe(200);
    await h.settle();
    expect(await timelineKinds()).toContain('reminder_snoozed');

    h.clock.advance(14 * MIN); // the repeat would be due after 15 minutes; the snooze pushed it further
    await h.deps.jobRunner.runDue();
    expect(remindersIn()).toHaveLength(1);
    expect(await timelineKinds()).toContain('reminder');
  });

  it('mitigates and resolves with a summary; resolving twice changes nothing', async () => {
    await command('mitigated Rollback done, error rate back to baseline');
    expect((await h.deps.store.incidents.get(incidentId))?.state).toBe('mitigated');
    h.clock.advance(20 * MIN);
    await command('resolve Connection pool exhausted by the new retry policy');
    const resolved = await h.deps.store.incidents.get(incidentId);
    expect(resolved?.state).toBe('resolved');
    expect(resolved?.resolvedAt).not.toBeNull();
    expect(JSON.stringify(announceMessages()[0])).toMatch(/resolved/i);
    const eventsBefore = await h.deps.store.timeline.count(incidentId);
    const again = await command('resolve');
    expect(again?.text ?? '').toMatch(/already resolved/i);
    expect(await h.deps.store.timeline.count(incidentId)).toBe(eventsBefore);
    const kinds = await timelineKinds();
    expect(kinds).toEqual(expect.arrayContaining(['declared', 'message', 'severity_changed', 'role_assigned', 'status_update', 'reminder', 'mitigated', 'resolved']));

    // no reminders after resolution
    h.clock.advance(120 * MIN);
    const before = channelMessages().length;
    await h.deps.jobRunner.runDue();
    expect(channelMessages().length).toBe(before);
  });

  it('redelivering every event (Slack retries) and retrying the declaration change nothing', async () => {
    const before = await h.deps.store.timeline.list(incidentId, { includeDeleted: true });
    for (const { event: payload, eventId } of deliveredEvents) {
      const result = await h.slack.event(payload, { eventId, retryNum: 1 });
      expect(result.status).toBe(200);
    }
    const after = await h.deps.store.timeline.list(incidentId, { includeDeleted: true });
    expect(after.map((e) => [e.key, e.text, e.deleted, e.marks])).toEqual(before.map((e) => [e.key, e.text, e.deleted, e.marks]));
    expect(h.fake.callsTo('conversations.create')).toHaveLength(1);
  });
});
