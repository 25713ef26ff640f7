/** The fakes stand in for the real adapters in many tests: they must keep the ports' promises. */
import { describe, expect, it } from 'vitest';
import { IntegrationError } from '../../../src/core/errors.js';
import { createFakeChat, createFakeClock, createMemoryStore } from '../../support/fakes/index.js';

const event = (key: string, occurredAt: string, incidentId: number | null = 1) => ({
  incidentId,
  channelId: 'C1',
  key,
  kind: 'message' as const,
  occurredAt: new Date(occurredAt),
  actor: 'U1',
  text: key,
});

describe('memory store', () => {
  it('appends timeline events idempotently by key and lists them in time order', async () => {
    const store = createMemoryStore();
    const first = await store.timeline.append(event('b', '2026-03-02T14:01:00Z'));
    const again = await store.timeline.append({ ...event('b', '2026-03-02T14:09:00Z'), text: 'changed' });
    await store.timeline.append(event('a', '2026-03-02T14:00:00Z'));
    expect(first.inserted).toBe(true);
    expect(again).toMatchObject({ inserted: false, event: { text: 'b' } });
    expect((await store.timeline.list(1)).map((e) => e.key)).toEqual(['a', 'b']);
    expect(await store.timeline.count(1)).toBe(2);
    await store.timeline.markDeleted('a', new Date());
    expect(await store.timeline.count(1)).toBe(1);
    expect(await store.timeline.count(1, { includeDeleted: true })).toBe(2);
    expect((await store.timeline.list(1, { limit: 1, offset: 0, includeDeleted: true })).map((e) => e.key)).toEqual(['a']);
  });

  it('adopts only unattached events of the channel', async () => {
    const store = createMemoryStore();
    await store.timeline.append(event('orphan', '2026-03-02T14:00:00Z', null));
    await store.timeline.append({ ...event('other', '2026-03-02T14:00:00Z', null), channelId: 'C2' });
    expect(await store.timeline.adoptChannel('C1', 7)).toBe(1);
    expect((await store.timeline.list(7)).map((e) => e.key)).toEqual(['orphan']);
  });

  it('never schedules a job key twice, even once cancelled, and leases claimed jobs', async () => {
    const { jobs } = createMemoryStore();
    const job = { kind: 'k', key: 'reminder:1:5', runAt: new Date('2026-03-02T14:00:00Z'), payload: {} };
    expect(await jobs.schedule(job)).toBe(true);
    expect(await jobs.schedule(job)).toBe(false);
    expect(await jobs.cancelPending('reminder:1:')).toBe(1);
    expect(await jobs.schedule(job)).toBe(false);
    await jobs.schedule({ ...job, key: 'reminder:1:6' });
    const now = new Date('2026-03-02T14:00:00Z');
    const [claimed] = await jobs.claimDue(now, 'a', 1000, 10);
    expect(claimed).toMatchObject({ key: 'reminder:1:6', attempts: 1 });
    expect(await jobs.claimDue(now, 'b', 1000, 10)).toEqual([]);
    expect(await jobs.cancelPending('reminder:1:')).toBe(0); // running jobs are not cancelled
    expect(await jobs.releaseLeases('b')).toBe(0);
    expect(await jobs.releaseLeases('a')).toBe(1);
    expect(await jobs.claimDue(now, 'b', 1000, 10)).toHaveLength(1);
  });

  it('keeps incidents apart from what callers do with the copies it returns', async () => {
    const clock = createFakeClock();
    const store = createMemoryStore({ clock });
    const created = await store.incidents.create({
      title: 't', severity: 'SEV2', state: 'investigating', service: null, impact: null, isPrivate: false, declaredBy: 'U1', dedupeKey: 'k',
      declaredAt: clock.now(), startedAt: null, mitigatedAt: null, resolvedAt: null, commanderAssignedAt: null, roles: {}, channelId: 'C1',
      channelName: 'c', declarationTs: null, announcement: null, lastUpdateAt: null, lastUpdateText: null, links: {},
    });
    created.roles.commander = 'U9';
    expect((await store.incidents.get(created.id))?.roles).toEqual({});
    await expect(store.incidents.update(99, { title: 'x' })).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    expect(await store.incidents.findByDedupeKey('k', new Date(clock.now().getTime() + 1))).toBeNull();
    expect((await store.incidents.findByDedupeKey('k', clock.now()))?.id).toBe(created.id);
  });
});

describe('fake chat', () => {
  it('fails a method as Slack would, for a number of calls', async () => {
    const chat = createFakeChat();
    chat.failOn('postMessage', 'ratelimited', { times: 1 });
    await expect(chat.postMessage('C1', { text: 'a' })).rejects.toEqual(new IntegrationError('slack', 'chat.postMessage', 'ratelimited'));
    await expect(chat.postMessage('C1', { text: 'a' })).resolves.toMatchObject({ channelId: 'C1' });
    expect(chat.callsTo('postMessage')).toHaveLength(2);
  });

  it('refuses invalid and taken channel names and unknown channels', async () => {
    const chat = createFakeChat();
    await expect(chat.createChannel('Bad Name', { isPrivate: false })).rejects.toThrow('invalid_name_specials');
    const created = await chat.createChannel('inc-1', { isPrivate: false });
    expect(created.ok).toBe(true);
    expect(await chat.createChannel('inc-1', { isPrivate: false })).toEqual({ ok: false, reason: 'name_taken' });
    await expect(chat.invite('C404', ['U1'])).rejects.toThrow('channel_not_found');
    await expect(chat.usersInGroup('S404')).rejects.toThrow('no_such_subteam');
  });

  it('keeps edits and pins', async () => {
    const chat = createFakeChat();
    const { ts } = await chat.postMessage('C1', { text: 'v1' });
    await chat.updateMessage('C1', ts, { text: 'v2' });
    await chat.pinMessage('C1', ts);
    expect(chat.messagesIn('C1')[0]).toMatchObject({ message: { text: 'v2' }, history: [{ text: 'v1' }] });
    expect(chat.pins.has(`C1:${ts}`)).toBe(true);
  });
});
