import { describe, expect, it } from 'vitest';
import type { CapturedMessage } from '../../../../src/core/incident/api.js';
import { createTimelineCapture } from '../../../../src/core/incident/create-incident-service.js';
import { extractLinks, slackTsToDate } from '../../../../src/core/incident/timeline-capture.js';
import { BOT_USER_ID } from '../../../support/fakes/index.js';
import { alice, declared } from './declared.js';

const message = (channelId: string, overrides: Partial<CapturedMessage> = {}): CapturedMessage => ({
  channelId,
  ts: '1772460123.000200',
  threadTs: null,
  userId: 'U0BOB',
  text: 'error rate is 40%',
  files: [],
  ...overrides,
});

describe('timeline capture', () => {
  it('stores a war room message once, however often it is delivered', async () => {
    const d = await declared();
    const capture = createTimelineCapture(d.deps);
    expect(await capture.recordMessage(message(d.channelId))).toEqual({ stored: true });
    expect(await capture.recordMessage(message(d.channelId))).toEqual({ stored: false });
    const messages = (await capture.fullTimeline(1)).filter((e) => e.kind === 'message');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      key: `msg:${d.channelId}:1772460123.000200`,
      incidentId: 1,
      channelId: d.channelId,
      actor: 'U0BOB',
      text: 'error rate is 40%',
      messageTs: '1772460123.000200',
      threadTs: null,
      occurredAt: new Date(1772460123000),
    });
  });

  it('keeps thread, files and links as references', async () => {
    const d = await declared();
    const capture = createTimelineCapture(d.deps);
    await capture.recordMessage(
      message(d.channelId, {
        threadTs: '1772460100.000100',
        text: 'see <https://grafana.example/d/abc?from=now-1h|the dashboard> and https://status.example.com/incidents/42.',
        files: [{ id: 'F1', name: 'heap.png', url: 'https://files.slack.com/F1' }],
      }),
    );
    const [event] = (await capture.fullTimeline(1)).filter((e) => e.kind === 'message');
    expect(event?.threadTs).toBe('1772460100.000100');
    expect(event?.refs).toEqual({
      files: [{ id: 'F1', name: 'heap.png', url: 'https://files.slack.com/F1' }],
      links: ['https://grafana.example/d/abc?from=now-1h', 'https://status.example.com/incidents/42'],
    });
  });

  it("skips the bot's own messages", async () => {
    const d = await declared();
    const capture = createTimelineCapture(d.deps);
    expect(await capture.recordMessage(message(d.channelId, { userId: BOT_USER_ID }))).toEqual({ stored: false });
    expect(d.store.timeline.all().filter((e) => e.kind === 'message')).toEqual([]);
  });

  it('keeps messages that arrive before the channel is known, and the declaration adopts them', async () => {
    const d = await declared();
    const capture = createTimelineCapture(d.deps);
    // The next war room will get the next channel id the fake hands out; its first message arrives early.
    const early = message('C0EARLY');
    expect(await capture.recordMessage(early)).toEqual({ stored: true });
    expect(d.store.timeline.all().find((e) => e.channelId === 'C0EARLY')?.incidentId).toBeNull();
    const original = d.chat.createChannel.bind(d.chat);
    d.chat.createChannel = async (name, opts) => {
      const created = await original(name, opts);
      if (!created.ok) return created;
      d.chat.channels.set('C0EARLY', { ...d.chat.channels.get(created.id)!, id: 'C0EARLY' });
      return { ...created, id: 'C0EARLY' };
    };
    const { incident } = await d.incidents.declare({ title: 'Second incident' }, alice);
    expect(incident.channelId).toBe('C0EARLY');
    expect((await capture.fullTimeline(incident.id)).map((e) => e.kind)).toContain('message');
  });

  it('adopts a message that raced with the declaration storing its channel', async () => {
    const d = await declared();
    const capture = createTimelineCapture(d.deps);
    const lookup = d.store.incidents.findByChannel.bind(d.store.incidents);
    let calls = 0;
    d.store.incidents.findByChannel = async (channelId) => (++calls === 1 ? null : lookup(channelId));
    await capture.recordMessage(message(d.channelId));
    expect((await d.store.timeline.findByKey(`msg:${d.channelId}:1772460123.000200`))?.incidentId).toBe(1);
  });

  it('updates an edited message and marks a deleted one, keeping it', async () => {
    const d = await declared();
    const capture = createTimelineCapture(d.deps);
    await capture.recordMessage(message(d.channelId));
    d.clock.advance({ minutes: 1 });
    expect(await capture.editMessage(d.channelId, '1772460123.000200', 'error rate is 4%')).toBe(true);
    const key = `msg:${d.channelId}:1772460123.000200`;
    expect(await d.store.timeline.findByKey(key)).toMatchObject({ text: 'error rate is 4%', editedAt: new Date('2026-03-02T14:01:00Z') });
    expect(await capture.deleteMessage(d.channelId, '1772460123.000200')).toBe(true);
    expect(await d.store.timeline.findByKey(key)).toMatchObject({ deleted: true, text: 'error rate is 4%' });
    expect((await capture.fullTimeline(1)).map((e) => e.key)).not.toContain(key);
    expect(await capture.editMessage(d.channelId, '1.2', 'x')).toBe(false);
    expect(await capture.deleteMessage(d.channelId, '1.2')).toBe(false);
  });

  it('marks and unmarks key events', async () => {
    const d = await declared();
    const capture = createTimelineCapture(d.deps);
    await capture.recordMessage(message(d.channelId));
    const key = `msg:${d.channelId}:1772460123.000200`;
    expect(await capture.markKeyEvent(d.channelId, '1772460123.000200', 'pin', true)).toBe(true);
    expect(await capture.markKeyEvent(d.channelId, '1772460123.000200', 'reaction:U0BOB', true)).toBe(true);
    expect(await capture.markKeyEvent(d.channelId, '1772460123.000200', 'pin', true)).toBe(true);
    expect((await d.store.timeline.findByKey(key))?.marks).toEqual(['pin', 'reaction:U0BOB']);
    await capture.markKeyEvent(d.channelId, '1772460123.000200', 'pin', false);
    expect((await d.store.timeline.findByKey(key))?.marks).toEqual(['reaction:U0BOB']);
    expect(await capture.markKeyEvent(d.channelId, '9.9', 'pin', true)).toBe(false);
  });

  it('returns the whole timeline in order of occurrence', async () => {
    const d = await declared();
    const capture = createTimelineCapture(d.deps);
    await capture.recordMessage(message(d.channelId, { ts: '1772460300.000000', text: 'later' }));
    await capture.recordMessage(message(d.channelId, { ts: '1772460000.000000', text: 'earlier' }));
    d.clock.set('2026-03-02T14:10:00Z');
    await d.incidents.addNote(d.channelId, 'note', alice);
    const texts = (await capture.fullTimeline(1)).map((e) => e.text);
    expect(texts.indexOf('earlier')).toBeLessThan(texts.indexOf('later'));
    expect(texts.indexOf('later')).toBeLessThan(texts.indexOf('note'));
  });
});

describe('capture helpers', () => {
  it('reads Slack timestamps exactly', () => {
    expect(slackTsToDate('1772460123.000200')?.getTime()).toBe(1772460123000);
    expect(slackTsToDate('1772460123.999999')?.getTime()).toBe(1772460123999);
    expect(slackTsToDate('1772460123')?.getTime()).toBe(1772460123000);
    expect(slackTsToDate('nope')).toBeNull();
  });

  it('finds labelled, bare and angle-bracket links once each', () => {
    expect(extractLinks('<https://a.example/x|A> <https://b.example> https://c.example/y), https://a.example/x <@U1> <#C1|ops>')).toEqual([
      'https://a.example/x',
      'https://b.example',
      'https://c.example/y',
    ]);
  });
});
