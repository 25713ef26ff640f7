/**
 * The playground end to end without a browser: the real bot, the simulated workspace and the demo back ends, driven
 * by the scripted scenario through the same simulator calls the page makes.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_COMMANDS, startPlayground, type Playground } from '../../src/playground/index.js';
import { freePort } from '../../src/playground/free-port.js';
import { person } from '../../src/playground/seed.js';

describe('playground', () => {
  let pg: Playground;
  let base: string;
  const alice = person('alice').id;

  beforeAll(async () => {
    pg = await startPlayground({ port: await freePort(), scenarioPauseMs: 50, withoutPrometheus: true, logLevel: 'silent' });
    base = pg.url.replace('localhost', '127.0.0.1');
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });

  const json = async (path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('registers the same slash commands as manifest.yml', () => {
    const manifest = parse(readFileSync('manifest.yml', 'utf8')) as { features: { slash_commands: { command: string }[] } };
    expect([...PLAYGROUND_COMMANDS].sort()).toEqual(manifest.features.slash_commands.map((c) => c.command).sort());
  });

  it('serves the page and a state with the seeded people, channels and panels', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script');
    const state = await json(`/sim/state?user=${alice}`);
    expect(state.status).toBe(200);
    const channels = state.body.channels as { name: string }[];
    expect(channels.map((c) => c.name)).toEqual(expect.arrayContaining(['general', 'incidents', 'deploys']));
    const panels = state.body.panels as { kubernetes: { zones: unknown[] }; prometheus: { available: boolean; reason: string } };
    expect(panels.kubernetes.zones).toHaveLength(3);
    expect(panels.prometheus).toEqual({ available: false, reason: 'started without Prometheus' });
  });

  it('answers an unknown slash command as Slack does, and refuses a request without a demo user', async () => {
    const general = pg.sim.ws.channelByName('general')!.id;
    expect((await json('/sim/send', { user: alice, channel: general, text: '/nope' })).body).toEqual({ ok: true });
    const feed = await json(`/sim/channels/${general}?user=${alice}`);
    const last = (feed.body.items as { html: string; ephemeral: boolean }[]).at(-1);
    expect(last?.ephemeral).toBe(true);
    expect(last?.html).toContain('is not a valid command');
    expect((await json('/sim/send', { channel: general, text: 'hi' })).status).toBe(400);
  });

  it('pages on-call through the demo PagerDuty, and an acknowledgement from the page reaches the war room', async () => {
    const general = pg.sim.ws.channelByName('general')!.id;
    await json('/sim/send', { user: alice, channel: general, text: '/incident declare Search is slow --sev SEV2 --service checkout' });
    const state = async () => (await json(`/sim/state?user=${alice}`)).body as { channels: { id: string; isIncident: boolean }[]; panels: { pagerduty: { incidents: { id: string; title: string; status: string }[] } } };
    await expect.poll(async () => (await state()).panels.pagerduty.incidents.find((i) => i.title.includes('Search is slow'))?.status, { timeout: 10_000 }).toBe('triggered');
    const page = (await state()).panels.pagerduty.incidents.find((i) => i.title.includes('Search is slow'))!;
    expect((await json('/sim/pagerduty/ack', { user: person('carol').id, incidentId: page.id })).body).toEqual({ ok: true });
    const room = pg.sim.ws.channelByName(`inc-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-search-is-slow`);
    expect(room).toBeDefined();
    await expect.poll(() => room!.messages.map((m) => m.text).join('\n'), { timeout: 10_000 }).toMatch(/acknowledged/i);
    await json('/sim/send', { user: alice, channel: room!.id, text: '/incident resolve' });
  }, 30_000);

  it('plays the bad-release scenario: war room, rollback confirmed, resolved, postmortem issue on the demo GitHub', async () => {
    expect((await json('/sim/scenario', { id: 'bad-release', user: alice })).body).toEqual({ ok: true });
    await pg.scenarios.finished('bad-release');
    // Publishing goes on after the click: the action item's issue first, then the postmortem (GitHub writes are spaced).
    const issues = async () => ((await json(`/sim/state?user=${alice}`)).body.panels as { github: { issues: { labels: string[] }[] } }).github.issues;
    await expect.poll(async () => (await issues()).filter((i) => i.labels.includes('postmortem')).length, { timeout: 20_000 }).toBe(1);
    const errors = JSON.stringify(pg.sim.ws.ephemerals.filter((e) => /failed|error|could not/i.test(e.text)).map((e) => e.text));
    const state = await json(`/sim/state?user=${alice}`);
    const room = (state.body.channels as { id: string; name: string; isIncident: boolean }[]).find((c) => c.isIncident);
    expect(room, errors).toBeDefined();
    const panels = state.body.panels as {
      github: { issues: { title: string; labels: string[] }[] };
      kubernetes: { deployments: { revision: string; image: string }[] };
      pagerduty: { incidents: { status: string }[] };
    };
    expect(panels.kubernetes.deployments[0]?.image, errors).toBe('registry.example/checkout-api:1.41.0');
    const postmortem = panels.github.issues.find((i) => i.labels.includes('postmortem'));
    const actionItem = panels.github.issues.find((i) => i.title.includes('error-rate gate'));
    expect(actionItem, errors).toBeDefined();
    expect(postmortem?.title).toContain('Checkout 5xx after the 1.42.0 release');
    expect(panels.pagerduty.incidents[0]?.status).toBe('resolved');
    const feed = await json(`/sim/channels/${room!.id}?user=${alice}`);
    const html = (feed.body.items as { html: string }[]).map((i) => i.html).join('\n');
    expect(html).not.toContain('bk-unsupported');
  }, 120_000);

  it('replays the scenario: 1.42.0 is deployed again, a new war room opens, and the rollback works again', async () => {
    expect((await json('/sim/scenario', { id: 'bad-release', user: alice })).body).toEqual({ ok: true });
    await pg.scenarios.finished('bad-release');
    const replayRoom = [...pg.sim.ws.channels.values()].find((c) => c.name.endsWith('replay-2'));
    expect(replayRoom).toBeDefined();
    const state = (await json(`/sim/state?user=${alice}`)).body as { panels: { kubernetes: { deployments: { image: string }[] } } };
    expect(state.panels.kubernetes.deployments[0]?.image).toBe('registry.example/checkout-api:1.41.0');
    expect(replayRoom!.messages.map((m) => m.text).join('\n')).toMatch(/Rolled back/);
  }, 120_000);
});
