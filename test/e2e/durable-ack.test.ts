import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { PEOPLE, startHarness, type Harness } from '../support/e2e-harness.js';

describe('events are acknowledged only once stored', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers 500 (so Slack redelivers) when storing fails, and stores the redelivery exactly once', async () => {
    await h.slack.slashCommand({ text: 'declare Disk full on db-3 --sev SEV3', userId: PEOPLE.alice, channelId: h.general });
    await h.settle();
    const [incident] = await h.deps.store.incidents.listOpen();
    const channel = incident?.channelId as string;
    const message = { type: 'message', channel, user: PEOPLE.bob, text: 'freed 40 GB of WAL', ts: '1700300000.000100' };

    const record = h.deps.capture.recordMessage;
    h.deps.capture.recordMessage = async () => Promise.reject(new Error('SQLITE_BUSY: database is locked'));
    const first = await h.slack.event(message);
    h.deps.capture.recordMessage = record;
    expect(first.status).toBe(500);
    expect(await h.deps.store.timeline.findByKey(`msg:${channel}:1700300000.000100`)).toBeNull();

    const retry = await h.slack.event(message, { eventId: first.eventId, retryNum: 1 });
    const again = await h.slack.event(message, { eventId: first.eventId, retryNum: 2 });
    expect([retry.status, again.status]).toEqual([200, 200]);
    const stored = (await h.deps.store.timeline.list(incident?.id as number)).filter((e) => e.text === 'freed 40 GB of WAL');
    expect(stored).toHaveLength(1);
  });

  it('stops gracefully: no new requests, but work already acknowledged finishes', async () => {
    h.fake.setLatency(200, 'conversations.create');
    const sent = await h.slack.slashCommand({ text: 'declare Cache stampede --sev SEV3', userId: PEOPLE.carol, channelId: h.general });
    expect(sent.status).toBe(200);
    await h.warroom.stop(5_000);
    const incident = (await h.deps.store.incidents.listOpen()).find((i) => i.title === 'Cache stampede');
    expect(incident?.channelId).toBeTruthy();
    expect(h.fake.workspace.messages(incident?.channelId as string).length).toBeGreaterThan(0);
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
  });

  it('uses Socket Mode when an app token is configured', () => {
    const config = { ...h.deps.config, slack: { ...h.deps.config.slack, mode: 'socket' as const, appToken: 'xapp-1-A0-1-abc' } };
    const socketApp = createApp({ ...h.deps, config }, { routes: [] });
    expect((socketApp.app as unknown as { receiver: object }).receiver.constructor.name).toBe('SocketModeReceiver');
    expect((h.warroom.app as unknown as { receiver: object }).receiver.constructor.name).toBe('HTTPReceiver');
  });
});
