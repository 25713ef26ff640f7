import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { alice, declared, messageTexts, rejection, stranger } from './declared.js';

describe('markMitigated', () => {
  it('stores the state, records it, cancels reminders and shows it everywhere', async () => {
    const d = await declared();
    d.clock.advance({ minutes: 25 });
    const result = await d.incidents.markMitigated(d.channelId, 'rolled back', alice);

    expect(result).toMatchObject({ changed: true, problems: [] });
    expect(result.incident).toMatchObject({ state: 'mitigated', mitigatedAt: new Date('2026-03-02T14:25:00Z') });
    const event = (await d.store.timeline.list(1)).find((e) => e.kind === 'mitigated');
    expect(event).toMatchObject({ actor: 'U0ALICE', text: 'Marked mitigated: rolled back', data: { from: 'investigating', note: 'rolled back' } });
    expect(await d.store.jobs.listPending('reminder:1:')).toEqual([]);
    expect(d.chat.callsTo('setTopic')).toEqual([[d.channelId, 'SEV2 | mitigated | IC <@U0ALICE>']]);
    expect(d.chat.callsTo('updateMessage')).toHaveLength(1);
    expect(messageTexts(d, d.channelId).at(-1)).toBe('state INC-1 mitigated by <@U0ALICE>: rolled back');
  });

  it('refuses a second mitigation with the time it happened, writing nothing', async () => {
    const d = await declared();
    d.clock.advance({ minutes: 5 });
    await d.incidents.markMitigated(d.channelId, null, alice);
    d.chat.calls.length = 0;
    const before = d.store.timeline.all().length;
    const again = await d.incidents.markMitigated(d.channelId, null, alice);
    expect(again).toMatchObject({ changed: false, reason: 'INC-1 is already mitigated (at 14:05).' });
    expect(d.store.timeline.all()).toHaveLength(before);
    expect(d.chat.calls.filter((c) => c.method !== 'usersInGroup')).toEqual([]);
  });
});

describe('resolve', () => {
  it('resolves with durations from the start of impact', async () => {
    const d = await declared();
    await d.store.incidents.update(1, { startedAt: new Date('2026-03-02T13:50:00Z') });
    d.clock.advance({ minutes: 10 });
    await d.incidents.markMitigated(d.channelId, null, alice);
    d.clock.advance({ minutes: 30 });
    const result = await d.incidents.resolve(d.channelId, 'fixed for good', alice);

    expect(result.changed).toBe(true);
    expect(result.incident).toMatchObject({ state: 'resolved', resolvedAt: new Date('2026-03-02T14:40:00Z'), mitigatedAt: new Date('2026-03-02T14:10:00Z') });
    expect(result.durations).toEqual({ toDetect: 10 * 60_000, toMitigate: 20 * 60_000, toResolve: 50 * 60_000, sinceDeclared: 40 * 60_000 });
    expect(messageTexts(d, d.channelId).at(-1)).toBe('state INC-1 resolved by <@U0ALICE>: fixed for good');
    expect((await d.store.timeline.list(1)).map((e) => e.kind)).toContain('resolved');
  });

  it('measures from the declaration when the start is unknown', async () => {
    const d = await declared();
    d.clock.advance({ minutes: 45 });
    const { durations } = await d.incidents.resolve(d.channelId, null, alice);
    expect(durations).toEqual({ toDetect: null, toMitigate: 45 * 60_000, toResolve: 45 * 60_000, sinceDeclared: 45 * 60_000 });
  });

  it('says an already resolved incident is resolved, and writes nothing', async () => {
    const d = await declared();
    d.clock.advance({ minutes: 2 });
    await d.incidents.resolve(d.channelId, null, alice);
    const stored = await d.store.incidents.get(1);
    const events = d.store.timeline.all().length;
    d.chat.calls.length = 0;
    d.clock.advance({ minutes: 5 });

    const again = await d.incidents.resolve(d.channelId, null, alice);
    expect(again).toMatchObject({ changed: false, reason: 'INC-1 is already resolved (at 14:02).' });
    expect(await d.store.incidents.get(1)).toEqual(stored);
    expect(d.store.timeline.all()).toHaveLength(events);
    expect(d.chat.calls.filter((c) => c.method !== 'usersInGroup')).toEqual([]);
  });

  it('keeps the resolution when Slack fails', async () => {
    const d = await declared();
    d.chat.failOn('postMessage', 'channel_not_found');
    const result = await d.incidents.resolve(d.channelId, null, alice);
    expect(result.incident.state).toBe('resolved');
    expect(result.problems).toEqual(['Could not post that the incident is resolved: slack chat.postMessage failed: channel_not_found']);
    expect((await d.store.incidents.get(1))?.state).toBe('resolved');
  });

  it('refuses outsiders', async () => {
    const d = await declared();
    const err = await rejection(d.incidents.resolve(d.channelId, null, stranger));
    expect(isDomainError(err, 'FORBIDDEN')).toBe(true);
    expect((await d.store.incidents.get(1))?.state).toBe('investigating');
  });
});
