import { expect, it } from 'vitest';
import { describeEachDialect, newEvent, newIncident } from '../../support/store-fixtures.js';

const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);

describeEachDialect('timeline repository', (ctx) => {
  async function withIncident() {
    const store = await ctx.fresh();
    const incident = await store.incidents.create(newIncident({ channelId: 'C_INC' }));
    return { store, incident };
  }

  it('appends an event and reads every field back', async () => {
    const { store, incident } = await withIncident();
    const { inserted, event } = await store.timeline.append(
      newEvent({
        key: 'msg:C_INC:1772366400.000100',
        incidentId: incident.id,
        channelId: 'C_INC',
        occurredAt: at('12:00:00.789'),
        text: 'restarting <@U2> pods — 🔥',
        messageTs: '1772366400.000100',
        threadTs: '1772366300.000001',
        refs: { files: [{ id: 'F1', name: 'graph.png', url: 'https://files.example/F1' }], links: ['https://grafana.example/d/1'] },
        data: { nested: { a: [1, 2] } },
        marks: ['pin'],
      }),
    );
    expect(inserted).toBe(true);
    expect(event).toEqual({
      id: expect.any(Number),
      incidentId: incident.id,
      channelId: 'C_INC',
      key: 'msg:C_INC:1772366400.000100',
      kind: 'message',
      occurredAt: at('12:00:00.789'),
      actor: 'U_RESPONDER',
      text: 'restarting <@U2> pods — 🔥',
      messageTs: '1772366400.000100',
      threadTs: '1772366300.000001',
      marks: ['pin'],
      deleted: false,
      editedAt: null,
      refs: { files: [{ id: 'F1', name: 'graph.png', url: 'https://files.example/F1' }], links: ['https://grafana.example/d/1'] },
      data: { nested: { a: [1, 2] } },
    });
    expect(await store.timeline.findByKey(event.key)).toEqual(event);
    expect(await store.timeline.findByKey('msg:unknown')).toBeNull();
  });

  it('stores a redelivered key once and returns the stored event', async () => {
    const { store, incident } = await withIncident();
    const first = await store.timeline.append(newEvent({ key: 'evt:Ev1', incidentId: incident.id, text: 'original' }));
    const second = await store.timeline.append(newEvent({ key: 'evt:Ev1', incidentId: incident.id, text: 'redelivered copy' }));

    expect(first.inserted).toBe(true);
    expect(second).toEqual({ inserted: false, event: first.event });
    expect(await store.timeline.count(incident.id)).toBe(1);
  });

  it('stores one row when two stores append the same key concurrently', async () => {
    const { store, incident } = await withIncident();
    const other = await ctx.open(ctx.urlOf(store));
    const appends = Array.from({ length: 12 }, (_, i) =>
      (i % 2 === 0 ? store : other).timeline.append(newEvent({ key: 'msg:C_INC:race', incidentId: incident.id, text: `copy ${i}` })),
    );
    const results = await Promise.all(appends);

    expect(results.filter((r) => r.inserted)).toHaveLength(1);
    const winner = results.find((r) => r.inserted)?.event;
    for (const result of results) expect(result.event).toEqual(winner);
    expect(await store.timeline.list(incident.id)).toEqual([winner]);
  });

  it('edits the text of an entry and records when', async () => {
    const { store, incident } = await withIncident();
    await store.timeline.append(newEvent({ key: 'msg:C_INC:2', incidentId: incident.id, text: 'typo' }));

    expect(await store.timeline.editText('msg:C_INC:2', 'fixed', at('12:05:00.001'))).toBe(true);
    expect(await store.timeline.findByKey('msg:C_INC:2')).toMatchObject({ text: 'fixed', editedAt: at('12:05:00.001') });
    expect(await store.timeline.editText('msg:C_INC:missing', 'x', at('12:05:00.000'))).toBe(false);
  });

  it('keeps a deleted entry but leaves it out of list and count unless asked', async () => {
    const { store, incident } = await withIncident();
    await store.timeline.append(newEvent({ key: 'k:keep', incidentId: incident.id, occurredAt: at('12:00:01.000') }));
    await store.timeline.append(newEvent({ key: 'k:gone', incidentId: incident.id, occurredAt: at('12:00:02.000') }));

    expect(await store.timeline.markDeleted('k:gone', at('12:10:00.000'))).toBe(true);
    expect(await store.timeline.markDeleted('k:missing', at('12:10:00.000'))).toBe(false);

    expect((await store.timeline.list(incident.id)).map((e) => e.key)).toEqual(['k:keep']);
    expect(await store.timeline.count(incident.id)).toBe(1);
    const all = await store.timeline.list(incident.id, { includeDeleted: true });
    expect(all.map((e) => [e.key, e.deleted])).toEqual([
      ['k:keep', false],
      ['k:gone', true],
    ]);
    expect(await store.timeline.count(incident.id, { includeDeleted: true })).toBe(2);
    expect((await store.timeline.findByKey('k:gone'))?.text).toBe('text of k:gone');
  });

  it('adds and removes marks without ever duplicating one', async () => {
    const { store, incident } = await withIncident();
    await store.timeline.append(newEvent({ key: 'k:m', incidentId: incident.id }));

    expect((await store.timeline.setMark('k:m', 'pin', true))?.marks).toEqual(['pin']);
    expect((await store.timeline.setMark('k:m', 'pin', true))?.marks).toEqual(['pin']);
    expect((await store.timeline.setMark('k:m', 'reaction:U1', true))?.marks).toEqual(['pin', 'reaction:U1']);
    expect((await store.timeline.setMark('k:m', 'pin', false))?.marks).toEqual(['reaction:U1']);
    expect((await store.timeline.setMark('k:m', 'pin', false))?.marks).toEqual(['reaction:U1']);
    expect((await store.timeline.findByKey('k:m'))?.marks).toEqual(['reaction:U1']);
    expect(await store.timeline.setMark('k:missing', 'pin', true)).toBeNull();
  });

  it('applies concurrent marks from two stores without losing or duplicating any', async () => {
    const { store, incident } = await withIncident();
    const other = await ctx.open(ctx.urlOf(store));
    await store.timeline.append(newEvent({ key: 'k:busy', incidentId: incident.id }));

    const marks = ['pin', 'reaction:U1', 'reaction:U2', 'reaction:U3', 'reaction:U4', 'reaction:U5'];
    await Promise.all([...marks, ...marks].map((mark, i) => (i % 2 === 0 ? store : other).timeline.setMark('k:busy', mark, true)));

    expect([...((await store.timeline.findByKey('k:busy'))?.marks ?? [])].sort()).toEqual([...marks].sort());
  });

  it('orders by occurredAt, then insertion, with limit and offset', async () => {
    const { store, incident } = await withIncident();
    const append = (key: string, time: string) => store.timeline.append(newEvent({ key, incidentId: incident.id, occurredAt: at(time) }));
    await append('c', '12:00:03.000');
    await append('a', '12:00:01.000');
    await append('b1', '12:00:02.000');
    await append('b2', '12:00:02.000');
    await append('b0', '12:00:02.000');
    await store.timeline.append(newEvent({ key: 'elsewhere', incidentId: null, occurredAt: at('12:00:00.000') }));

    const keys = async (query?: { limit?: number; offset?: number }) => (await store.timeline.list(incident.id, query)).map((e) => e.key);
    expect(await keys()).toEqual(['a', 'b1', 'b2', 'b0', 'c']);
    expect(await keys({ limit: 2 })).toEqual(['a', 'b1']);
    expect(await keys({ limit: 2, offset: 2 })).toEqual(['b2', 'b0']);
    expect(await keys({ offset: 3 })).toEqual(['b0', 'c']);
    expect(await store.timeline.count(incident.id)).toBe(5);
  });

  it('adopts events captured before the channel belonged to an incident', async () => {
    const store = await ctx.fresh();
    const other = await store.incidents.create(newIncident({ channelId: 'C_OTHER' }));
    await store.timeline.append(newEvent({ key: 'early:1', channelId: 'C_NEW', occurredAt: at('12:00:01.000') }));
    await store.timeline.append(newEvent({ key: 'early:2', channelId: 'C_NEW', occurredAt: at('12:00:02.000') }));
    await store.timeline.append(newEvent({ key: 'unrelated', channelId: 'C_ELSE' }));
    await store.timeline.append(newEvent({ key: 'owned', channelId: 'C_NEW', incidentId: other.id }));

    const incident = await store.incidents.create(newIncident({ channelId: 'C_NEW' }));
    expect(await store.timeline.adoptChannel('C_NEW', incident.id)).toBe(2);
    expect(await store.timeline.adoptChannel('C_NEW', incident.id)).toBe(0);

    expect((await store.timeline.list(incident.id)).map((e) => [e.key, e.incidentId])).toEqual([
      ['early:1', incident.id],
      ['early:2', incident.id],
    ]);
    expect((await store.timeline.findByKey('unrelated'))?.incidentId).toBeNull();
    expect((await store.timeline.findByKey('owned'))?.incidentId).toBe(other.id);
  });
});
