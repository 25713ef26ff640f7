/**
 * /deploy-check end to end: the real Bolt app over signed HTTP, the fake Slack, and a real Prometheus backfilled with
 * 30 days of minute data; then `warroom deploy-check` as a CI pipeline runs it, against the same database.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, RESPONDERS_GROUP, manualClock, startHarness, type Harness } from '../support/e2e-harness.js';
import { prometheusBinariesForTests, requestsSeries, startPrometheus, type PrometheusInstance } from '../support/prometheus/index.js';

const binaries = prometheusBinariesForTests();
// Wednesday 10:00 in Berlin: business hours.
const END = new Date('2025-05-28T08:00:00Z');

const SLOS = `      - name: availability
        objective: 99.9
        window: 30d
        sli:
          error_query: sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))
          total_query: sum(rate(http_requests_total{service="checkout"}[{{.window}}]))
`;

describe.skipIf(!binaries)('/deploy-check end to end', () => {
  let prom: PrometheusInstance;
  let h: Harness;

  beforeAll(async () => {
    if (!binaries) return;
    prom = await startPrometheus({ series: requestsSeries({ service: 'checkout', ratePerSecond: 20, errorRatio: 0.0002 }), end: END, days: 30, binaries });
    h = await startHarness({ prometheusUrl: prom.url, clock: manualClock(END), checkoutSlos: SLOS, extraYaml: `deploy:\n  approvers_group: ${RESPONDERS_GROUP}\n` });
  });
  afterAll(async () => {
    await h?.close();
    await prom?.stop();
  });

  async function deployCheck(text: string, userId: string = PEOPLE.alice) {
    const result = await h.slack.slashCommand({ text, userId, channelId: h.general, command: '/deploy-check' });
    expect(result.status).toBe(200);
    await h.settle();
    return h.fake.workspace.responses.at(-1);
  }

  it('posts the decision in the channel; approvals by distinct approvers edit it in place', async () => {
    const posted = await deployCheck('checkout --coverage 70 --change "https://github.com/acme/checkout/pull/812"');
    expect(posted?.responseType).toBe('in_channel');
    expect(posted?.text).toMatch(/^CAUTION: deploy check #1 for checkout/);
    const blocks = JSON.stringify(posted?.blocks);
    expect(blocks).toContain('80% left');
    expect(blocks).toContain('deploy_check_approve');

    const approve = (userId: string) =>
      h.slack.interaction({
        type: 'block_actions',
        user: { id: userId, username: userId, team_id: 'T0WARROOM' },
        channel: { id: h.general, name: 'general' },
        container: { type: 'message', message_ts: '1.2', channel_id: h.general },
        trigger_id: '9.9.9',
        response_url: h.fake.newResponseUrl(),
        actions: [{ type: 'button', action_id: 'deploy_check_approve', block_id: 'deploy_check_1', value: '1', action_ts: '1.3' }],
      });
    await approve(PEOPLE.alice); // the requester
    await h.settle();
    expect(h.fake.workspace.responses.at(-1)?.text).toMatch(/someone else/);
    await approve(PEOPLE.bob); // not an approver
    await h.settle();
    expect(h.fake.workspace.responses.at(-1)?.text).toMatch(/approvers/);
    await approve(PEOPLE.dave); // in the responders group, configured as approvers
    await h.settle();
    const edited = h.fake.workspace.responses.at(-1);
    expect(edited?.replaceOriginal).toBe(true);
    expect(JSON.stringify(edited?.blocks)).toContain(`1 of 2 — <@${PEOPLE.dave}>`);
    expect((await h.deps.store.deployChecks.get(1))?.approvals.map((a) => a.userId)).toEqual([PEOPLE.dave]);
  });

  it('blocks while a freezing incident is open, and lets an approver break glass, announced in the war room', async () => {
    await h.slack.slashCommand({ text: 'declare Checkout latency --sev SEV2 --service checkout', userId: PEOPLE.alice, channelId: h.general });
    await h.settle();
    const [incident] = await h.deps.store.incidents.listOpen();
    const blocked = await deployCheck('checkout');
    expect(blocked?.text).toMatch(/^BLOCKED/);
    expect(JSON.stringify(blocked?.blocks)).not.toContain('deploy_check_approve');

    const refused = await deployCheck('checkout --override "hotfix"', PEOPLE.bob);
    expect(refused?.responseType ?? 'ephemeral').toBe('ephemeral');
    expect(refused?.text).toMatch(/approvers/);

    const overridden = await deployCheck('checkout --override "P0 fix for the payment outage"', PEOPLE.dave);
    expect(JSON.stringify(overridden?.blocks)).toContain('Glass broken');
    const warRoom = h.fake.workspace.messages(incident?.channelId as string);
    expect(warRoom.some((m) => m.text.includes('broke glass') && m.text.includes('P0 fix for the payment outage'))).toBe(true);
  });

  it('lists the history, and answers usage errors with the valid values', async () => {
    const history = await deployCheck('history checkout');
    expect(JSON.stringify(history?.blocks)).toMatch(/#3[\s\S]*#2[\s\S]*#1/);
    const bad = await deployCheck('checkout --rollback soon');
    expect(bad?.text).toMatch(/instant, fast, slow/);
  });

  it('gates a CI pipeline: warroom deploy-check exits with the decision code and prints JSON', () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PROMETHEUS_URL: prom.url,
      DATABASE_URL: h.deps.config.databaseUrl ?? '',
      WARROOM_CONFIG: h.deps.config.configPath ?? '',
      WARROOM_ACTOR: 'github-actions',
    };
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'deploy-check', ...args], { cwd: new URL('../../', import.meta.url).pathname, env, encoding: 'utf8', timeout: 60_000 });
    const frozen = cli(['checkout', '--json']);
    expect(frozen.status).toBe(30); // the SEV2 incident above still freezes deploys
    const doc = JSON.parse(frozen.stdout) as { decision: string; requested_by: string; freezes: unknown[] };
    expect(doc).toMatchObject({ decision: 'BLOCKED', requested_by: 'cli:github-actions' });
    expect(doc.freezes).toHaveLength(1);
    expect(cli(['chekout']).status).toBe(64);
    expect(cli(['checkout', '--coverage', 'lots']).status).toBe(64);
  });
});
