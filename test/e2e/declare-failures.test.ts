import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PEOPLE, startHarness, type Harness } from '../support/e2e-harness.js';

describe('declaring when Slack fails halfway, and bad input, end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  async function declare(text: string, userId: string = PEOPLE.alice) {
    const result = await h.slack.slashCommand({ text, userId, channelId: h.general });
    expect(result.status).toBe(200);
    await h.settle();
    return h.fake.workspace.responses.at(-1);
  }

  it('records the incident when the invite fails, reports it in the channel and to the declarer, and a retry resumes without a second channel', async () => {
    h.fake.failNext('conversations.invite', { error: 'user_not_found', times: 20 });
    await declare('declare Payments API timeouts --sev SEV2 --service checkout');

    expect(h.fake.callsTo('conversations.create')).toHaveLength(1);
    const [incident] = await h.deps.store.incidents.listOpen();
    expect(incident?.channelId).toBeTruthy();
    const channelId = incident?.channelId as string;
    const problemsInChannel = h.fake.workspace.messages(channelId).filter((m) => /invite/i.test(JSON.stringify(m)));
    expect(problemsInChannel.length).toBeGreaterThan(0);
    const dm = h.fake.workspace.imChannelFor(PEOPLE.alice);
    expect(h.fake.workspace.messages(dm.id).some((m) => /invite/i.test(JSON.stringify(m)))).toBe(true);
    const kinds = (await h.deps.store.timeline.list(incident?.id as number)).map((e) => e.kind);
    expect(kinds).toContain('integration_problem');

    h.fake.reset(); // Slack is healthy again
    const reply = await declare('declare Payments API timeouts --sev SEV2 --service checkout');
    expect(h.fake.callsTo('conversations.create')).toHaveLength(0);
    expect(await h.deps.store.incidents.listOpen()).toHaveLength(1);
    expect(JSON.stringify(reply)).toContain(channelId);
    expect(h.fake.workspace.channel(channelId)?.members).toEqual(expect.arrayContaining([PEOPLE.alice, PEOPLE.bob, PEOPLE.carol]));
  });

  it('never fails on a channel-name clash: it adds a suffix', async () => {
    await declare('declare Search is down --sev SEV3');
    await declare('declare Search is down --sev SEV3', PEOPLE.bob); // same title, another person: a second incident
    const names = h.fake.callsTo('conversations.create').map((c) => String(c.args.name));
    const channels = (await h.deps.store.incidents.listOpen()).map((i) => i.channelName);
    expect(channels).toHaveLength(2);
    expect(new Set(channels).size).toBe(2);
    expect(names.filter((n) => /-2$/.test(n))).toHaveLength(1);
  });

  it('keeps a 500-character, emoji-only or non-Latin title and still makes a valid channel name', async () => {
    const long = `Database ${'very '.repeat(97)}slow`;
    await declare(`declare ${long}`);
    await declare('declare 🔥🔥🔥', PEOPLE.bob);
    await declare('declare 支付服务不可用', PEOPLE.carol);
    const incidents = await h.deps.store.incidents.listOpen();
    expect(incidents.map((i) => i.title)).toEqual(expect.arrayContaining([long.trim(), '🔥🔥🔥', '支付服务不可用']));
    for (const incident of incidents) {
      expect(incident.channelName).toMatch(/^[a-z0-9_-]{1,80}$/);
    }
    expect(h.fake.callsTo('conversations.create').every((c) => !('error' in c) || c.error === undefined)).toBe(true);
  });

  it('answers bad input with a specific, fixable message and creates nothing', async () => {
    const cases: [string, RegExp][] = [
      ['declare', /title/i],
      ['declare DB down --sev SEV9', /SEV1.*SEV2.*SEV3.*SEV4/s],
      ['declare DB down --service chekout', /checkout/],
      ['declare DB down --started yesterday-ish', /13:52|ISO/i],
      ['frobnicate', /help|declare/i],
    ];
    for (const [text, expected] of cases) {
      const reply = await declare(text);
      expect(reply?.text ?? '', text).toMatch(expected);
    }
    expect(h.fake.callsTo('conversations.create')).toHaveLength(0);
    expect(await h.deps.store.incidents.listOpen()).toHaveLength(0);
  });

  it('lists open incidents, most severe first', async () => {
    await declare('declare Minor glitch --sev SEV4');
    await declare('declare Everything is down --sev SEV1', PEOPLE.bob);
    const reply = await declare('list');
    const text = JSON.stringify(reply);
    expect(text.indexOf('Everything is down')).toBeGreaterThan(-1);
    expect(text.indexOf('Everything is down')).toBeLessThan(text.indexOf('Minor glitch'));
  });
});
