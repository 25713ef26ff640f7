import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { alice, declared, messageTexts, rejection, responder, stranger } from './declared.js';

describe('postUpdate', () => {
  it('stores the update, posts it in the channel and in the announcement thread, edits the announcement and resets reminders', async () => {
    const d = await declared();
    d.clock.advance({ minutes: 20 });
    const result = await d.incidents.postUpdate(d.channelId, '  Rolled back 1.42; errors falling  ', responder);

    expect(result).toMatchObject({ changed: true, problems: [] });
    expect(result.incident).toMatchObject({ lastUpdateAt: new Date('2026-03-02T14:20:00Z'), lastUpdateText: 'Rolled back 1.42; errors falling' });
    const text = 'update INC-1 from <@U0RESPONDER>: Rolled back 1.42; errors falling | next update 2026-03-02T14:50:00.000Z';
    expect(messageTexts(d, d.channelId).at(-1)).toBe(text);
    const announcement = d.incident.announcement!;
    expect(d.chat.callsTo('postMessage')).toContainEqual([announcement.channelId, { text }, { threadTs: announcement.ts }]);
    expect(d.chat.callsTo('updateMessage')).toEqual([
      [announcement.channelId, announcement.ts, { text: `announcement INC-1 SEV2 investigating IC <@U0ALICE> in <#${d.channelId}> | last update: Rolled back 1.42; errors falling` }],
    ]);
    const event = (await d.store.timeline.list(1)).find((e) => e.kind === 'status_update');
    expect(event).toMatchObject({ actor: 'U0RESPONDER', text: 'Rolled back 1.42; errors falling' });
    expect((await d.store.jobs.listPending('reminder:1:')).map((j) => j.runAt)).toEqual([new Date('2026-03-02T14:50:00Z')]);
  });

  it('refuses an empty update and outsiders', async () => {
    const d = await declared();
    const empty = await rejection(d.incidents.postUpdate(d.channelId, '   ', alice));
    expect(isDomainError(empty, 'BAD_INPUT')).toBe(true);
    expect(empty.message).toContain('/incident update');
    expect(isDomainError(await rejection(d.incidents.postUpdate(d.channelId, 'hi', stranger)), 'FORBIDDEN')).toBe(true);
    expect((await d.store.incidents.get(1))?.lastUpdateAt).toBeNull();
  });

  it('changes nothing on a resolved incident, pointing to notes', async () => {
    const d = await declared();
    await d.incidents.resolve(d.channelId, null, alice);
    const result = await d.incidents.postUpdate(d.channelId, 'all good', alice);
    expect(result.changed).toBe(false);
    expect(result.reason).toContain('/incident note');
  });
});

describe('addNote', () => {
  it('records a note on the timeline and posts nothing', async () => {
    const d = await declared();
    const result = await d.incidents.addNote(d.channelId, 'Disabled the EU canary', alice);
    expect(result.changed).toBe(true);
    const note = (await d.store.timeline.list(1)).find((e) => e.kind === 'note');
    expect(note).toMatchObject({ actor: 'U0ALICE', text: 'Disabled the EU canary' });
    expect(d.chat.calls).toEqual([]);
  });

  it('refuses an empty note', async () => {
    const d = await declared();
    expect(isDomainError(await rejection(d.incidents.addNote(d.channelId, '', alice)), 'BAD_INPUT')).toBe(true);
  });
});
