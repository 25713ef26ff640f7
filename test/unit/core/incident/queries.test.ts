import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { alice, declared, rejection } from './declared.js';

describe('status', () => {
  it('reports state, policy, elapsed times, next update and last update', async () => {
    const d = await declared();
    d.clock.advance({ minutes: 10 });
    await d.incidents.postUpdate(d.channelId, 'looking at the load balancer', alice);
    d.clock.advance({ minutes: 5 });
    const status = await d.incidents.status(d.channelId);
    expect(status.incident.id).toBe(1);
    expect(status.policy.name).toBe('SEV2');
    expect(status.durations.sinceDeclared).toBe(15 * 60_000);
    expect(status.nextUpdateDue).toEqual(new Date('2026-03-02T14:40:00Z'));
    expect(status.lastUpdate).toEqual({ at: new Date('2026-03-02T14:10:00Z'), text: 'looking at the load balancer' });
  });

  it('has no next update once mitigated', async () => {
    const d = await declared();
    await d.incidents.markMitigated(d.channelId, null, alice);
    expect((await d.incidents.status(d.channelId)).nextUpdateDue).toBeNull();
  });

  it('refuses channels that are not war rooms', async () => {
    const d = await declared();
    expect(isDomainError(await rejection(d.incidents.status('C0GENERAL')), 'NOT_AN_INCIDENT_CHANNEL')).toBe(true);
    expect(isDomainError(await rejection(d.incidents.requireByChannel('C0GENERAL')), 'NOT_AN_INCIDENT_CHANNEL')).toBe(true);
    expect((await d.incidents.requireByChannel(d.channelId)).id).toBe(1);
  });
});

describe('timeline pages', () => {
  it('pages by 20, 1-based, in order', async () => {
    const d = await declared();
    for (let i = 1; i <= 25; i++) {
      d.clock.advance({ seconds: 1 });
      await d.incidents.addNote(d.channelId, `note ${i}`, alice);
    }
    // declared + paged + 25 notes
    const first = await d.incidents.timeline(d.channelId, 1);
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: 27 });
    expect(first.events).toHaveLength(20);
    expect(first.events[0]?.kind).toBe('declared');
    const second = await d.incidents.timeline(d.channelId, 2);
    expect(second.events.map((e) => e.text)).toEqual(['note 19', 'note 20', 'note 21', 'note 22', 'note 23', 'note 24', 'note 25']);
  });

  it('refuses a page out of range, saying how many exist', async () => {
    const d = await declared();
    const err = await rejection(d.incidents.timeline(d.channelId, 3));
    expect(isDomainError(err, 'BAD_INPUT')).toBe(true);
    expect(err.message).toBe('There is no page 3: the timeline has 1 page (2 events). Use a page from 1 to 1.');
    expect(isDomainError(await rejection(d.incidents.timeline(d.channelId, 0)), 'BAD_INPUT')).toBe(true);
  });
});

describe('listOpen', () => {
  it('lists open incidents, most severe first, then oldest first', async () => {
    const d = await declared(); // INC-1 SEV2 at 14:00
    const declare = async (title: string, severity: string) => {
      d.clock.advance({ minutes: 1 });
      return (await d.incidents.declare({ title, severity }, alice)).incident;
    };
    await declare('Search slow', 'SEV3');
    await declare('Payments down', 'SEV1');
    const other = await declare('Login errors', 'SEV2');
    await declare('Resolved soon', 'SEV1');
    await d.incidents.resolve((await d.store.incidents.get(5))!.channelId!, null, alice);
    await d.incidents.markMitigated(other.channelId!, null, alice);
    expect((await d.incidents.listOpen()).map((i) => [i.id, i.severity, i.state])).toEqual([
      [3, 'SEV1', 'investigating'],
      [1, 'SEV2', 'investigating'],
      [4, 'SEV2', 'mitigated'],
      [2, 'SEV3', 'investigating'],
    ]);
  });
});
