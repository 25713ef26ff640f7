/** Per-channel ordering and pacing: one channel's messages in order, channels independent, only messages paced. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannelPacer, type PacerTime } from '../../../src/integrations/slack/channel-pacer.js';
import { startFakeSlack, type FakeCall, type FakeSlack } from '../../../src/playground/slack/index.js';
import { testChat } from './helpers.js';

let fake: FakeSlack;

beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

/** A clock that only moves when the code under test sleeps, recording each requested wait. */
function manualTime(): { pacer: PacerTime; sleeps: number[]; advance: (ms: number) => void } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    pacer: {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    },
    sleeps,
    advance: (ms) => {
      now += ms;
    },
  };
}

const overlaps = (a: FakeCall, b: FakeCall): boolean => a.startedAt < (b.finishedAt ?? Infinity) && b.startedAt < (a.finishedAt ?? Infinity);

describe('ordering', () => {
  it('sends one channel’s messages one at a time, in order, while two channels proceed in parallel', async () => {
    const a = fake.workspace.addChannel({ name: 'inc-a' });
    const b = fake.workspace.addChannel({ name: 'inc-b' });
    fake.setLatency(15, 'chat.postMessage');
    const chat = testChat(fake);
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i += 1) {
      sends.push(chat.postMessage(a.id, { text: `a${i}` }), chat.postMessage(b.id, { text: `b${i}` }));
    }
    await Promise.all(sends);

    expect(a.messages.map((m) => m.text)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(b.messages.map((m) => m.text)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
    const callsFor = (id: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === id);
    for (const calls of [callsFor(a.id), callsFor(b.id)]) {
      for (let i = 1; i < calls.length; i += 1) expect(overlaps(calls[i - 1] as FakeCall, calls[i] as FakeCall)).toBe(false);
    }
    expect(callsFor(a.id).some((ca) => callsFor(b.id).some((cb) => overlaps(ca, cb)))).toBe(true);
  });

  it('keeps the order when an earlier message fails', async () => {
    const a = fake.workspace.addChannel({ name: 'inc-fail-order' });
    const chat = testChat(fake);
    fake.failNext('chat.postMessage', { error: 'msg_too_long' });
    const results = await Promise.allSettled([chat.postMessage(a.id, { text: 'first' }), chat.postMessage(a.id, { text: 'second' })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(a.messages.map((m) => m.text)).toEqual(['second']);
  });
});

describe('pacing', () => {
  it('allows a burst, then one message per second per channel; other calls are not paced', async () => {
    const a = fake.workspace.addChannel({ name: 'inc-paced' });
    const time = manualTime();
    const chat = testChat(fake, { pacing: { burst: 2, perSecond: 1 }, pacingTime: time.pacer });
    await Promise.all(['m1', 'm2', 'm3', 'm4'].map((text) => chat.postMessage(a.id, { text })));
    expect(time.sleeps).toEqual([1000, 1000]);
    expect(a.messages.map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4']);

    await Promise.all([1, 2, 3].map((i) => chat.setTopic(a.id, `topic ${i}`)));
    await Promise.all([1, 2, 3].map((i) => chat.updateMessage(a.id, a.messages[0]?.ts ?? '', { text: `edit ${i}` })));
    expect(time.sleeps).toEqual([1000, 1000]);
    expect(a.messages[0]?.text).toBe('edit 3');
  });

  it('does not hold other channels while one channel waits for its pace', async () => {
    const a = fake.workspace.addChannel({ name: 'inc-slow' });
    const b = fake.workspace.addChannel({ name: 'inc-free' });
    const time = manualTime();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chat = testChat(fake, { pacing: { burst: 1, perSecond: 1 }, pacingTime: { now: time.pacer.now, sleep: () => held } });
    await chat.postMessage(a.id, { text: 'a1' });
    const secondA = chat.postMessage(a.id, { text: 'a2' });
    await chat.postMessage(b.id, { text: 'b1' });
    expect(b.messages.map((m) => m.text)).toEqual(['b1']);
    expect(a.messages.map((m) => m.text)).toEqual(['a1']);
    release();
    await secondA;
    expect(a.messages.map((m) => m.text)).toEqual(['a1', 'a2']);
  });

  it('paces direct messages per user', async () => {
    fake.workspace.addUser({ id: 'U0PAGED01', name: 'paged' });
    const time = manualTime();
    const chat = testChat(fake, { pacing: { burst: 1, perSecond: 2 }, pacingTime: time.pacer });
    await Promise.all([chat.sendDirectMessage('U0PAGED01', { text: 'one' }), chat.sendDirectMessage('U0PAGED01', { text: 'two' })]);
    expect(time.sleeps).toEqual([500]);
    expect(fake.workspace.imChannelFor('U0PAGED01').messages.map((m) => m.text)).toEqual(['one', 'two']);
  });
});

describe('pacer time', () => {
  it('does not let waits grow when the timer fires early or the clock lags', async () => {
    const sleeps: number[] = [];
    const pacer = createChannelPacer({ burst: 1, perSecond: 1 }, { now: () => 0, sleep: async (ms) => void sleeps.push(ms) });
    await Promise.all([1, 2, 3, 4].map(() => pacer.run('C0FROZEN01', async () => undefined)));
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });
});

describe('lane lifecycle', () => {
  it('drops a lane once it is idle and refilled, so idle channels hold no memory', async () => {
    const time = manualTime();
    const pacer = createChannelPacer({ burst: 2, perSecond: 1 }, time.pacer);
    await pacer.run('C0UNPACED1', async () => 'edit', { paced: false });
    expect(pacer.size()).toBe(0);
    await pacer.run('C0BUSY0001', async () => 'post');
    expect(pacer.size()).toBe(1);
    time.advance(31_000);
    await pacer.run('C0OTHER001', async () => 'post');
    // The sweep dropped the rested lane; only the channel that just spent a token is left.
    expect(pacer.size()).toBe(1);
    time.advance(31_000);
    await pacer.run('C0UNPACED1', async () => 'edit', { paced: false });
    expect(pacer.size()).toBe(0);
  });

  it('lets the adapter forget channels that went quiet', async () => {
    const time = manualTime();
    const chat = testChat(fake, { pacing: { burst: 4, perSecond: 1 }, pacingTime: time.pacer });
    const channels = [1, 2, 3, 4].map((i) => fake.workspace.addChannel({ name: `inc-many-${i}` }));
    await Promise.all(channels.slice(0, 3).map((c) => chat.postMessage(c.id, { text: 'x' })));
    expect(chat.pacedChannels()).toBe(3);
    time.advance(60_000);
    await chat.postMessage(channels[3]?.id ?? '', { text: 'y' });
    expect(chat.pacedChannels()).toBe(1);
  });
});
