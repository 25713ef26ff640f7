/**
 * `warroom playground`: the real bot (the same Bolt app, core, store and templates as `warroom start`) against a
 * simulated Slack workspace with a web page, and demo PagerDuty, GitHub and Kubernetes back ends with seeded data,
 * plus a real Prometheus with history when it is installed. Only Slack and the vendors are simulated.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { startWarroom, type RunningWarroom } from '../main.js';
import { freePort } from './free-port.js';
import { startDemoGitHub } from './github/index.js';
import { demoClusterView, redeployBadRelease, seedDemoCluster } from './kubernetes/demo-cluster.js';
import { fakeKubeconfig, startFakeKube } from './kubernetes/index.js';
import { startDemoPagerDuty } from './pagerduty/index.js';
import { HEALTHY_ERROR_RATIO, OUTAGE_ERROR_RATIO, startDemoPrometheus } from './prometheus/demo-history.js';
import { scenarioMenu } from './scenario.js';
import { DEMO_PEOPLE, demoConfigYaml, DEPLOYMENT, GITHUB_OWNER, GITHUB_REPO, NAMESPACE, person, SERVICE, seedWorkspace } from './seed.js';
import { startFakeSlack } from './slack/index.js';
import { SlackSimulator } from './slack/simulator.js';
import { DEMO_METRICS_PATH, pageRoutes } from './web/routes.js';

/** The slash commands manifest.yml registers (a test keeps the two in step). */
export const PLAYGROUND_COMMANDS = ['/incident', '/deploy-check'] as const;

export interface PlaygroundOptions {
  /** The page and the simulated Slack API; default 3000. */
  port?: number;
  /** Default 127.0.0.1; 0.0.0.0 to reach the page from another machine (it has no authentication). */
  host?: string;
  /** Milliseconds between scenario steps; default 6000 (the whole scenario in about a minute and a half). */
  scenarioPauseMs?: number;
  /** PATH to look for prometheus/promtool in. */
  pathEnv?: string;
  /** The bot's log level; default warn. */
  logLevel?: string;
  /** Skip Prometheus even when installed (faster start in tests). */
  withoutPrometheus?: boolean;
}

export interface Playground {
  url: string;
  botUrl: string;
  sim: SlackSimulator;
  prometheus: { available: boolean; reason?: string };
  scenarios: ReturnType<typeof scenarioMenu>;
  stop(): Promise<void>;
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const dir = await mkdtemp(join(tmpdir(), 'warroom-playground-'));
  const stops: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const port = options.port ?? 3000;
    const botPort = await freePort();
    const botUrl = `http://127.0.0.1:${botPort}`;
    const signingSecret = randomBytes(16).toString('hex');
    // The page shares the simulator's port; its routes need the simulator, which needs the bot, which needs the API.
    let route: ((req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>) | null = null;
    const fake = await startFakeSlack({ port, host: options.host ?? '127.0.0.1', extraRoutes: (req, res, url) => route?.(req, res, url) ?? Promise.resolve(false) });
    stops.push(() => fake.close());
    const channels = seedWorkspace(fake.workspace);
    const pageUrl = `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`;

    const kube = await startFakeKube();
    stops.push(() => kube.close());
    seedDemoCluster(kube, { namespace: NAMESPACE, deployment: DEPLOYMENT });
    const kubeconfigPath = join(dir, 'kubeconfig.yml');
    await writeFile(kubeconfigPath, fakeKubeconfig(kube.url));

    const pagerduty = await startDemoPagerDuty({
      webhookUrl: `${botUrl}/webhooks/pagerduty`,
      webhookSecret: randomBytes(16).toString('hex'),
      people: [
        { name: person('carol').realName, email: person('carol').email, level: 1 },
        { name: person('dave').realName, email: person('dave').email, level: 2 },
      ],
      serviceName: SERVICE,
    });
    stops.push(() => pagerduty.close());
    const github = await startDemoGitHub({ owner: GITHUB_OWNER, repo: GITHUB_REPO, logins: DEMO_PEOPLE.map((p) => p.github), seedChanges: true });
    stops.push(() => github.close());
    const prometheus = options.withoutPrometheus
      ? ({ available: false, reason: 'started without Prometheus' } as const)
      : await startDemoPrometheus({ service: SERVICE, scrapeTarget: `127.0.0.1:${port}`, scrapePath: DEMO_METRICS_PATH, ...(options.pathEnv ? { pathEnv: options.pathEnv } : {}) });
    if (prometheus.available) stops.push(() => prometheus.stop());

    const configPath = join(dir, 'warroom.yml');
    await writeFile(
      configPath,
      demoConfigYaml({ channels, pagerduty: { serviceId: pagerduty.serviceId, escalationPolicyId: pagerduty.escalationPolicyId }, kubeconfigPath, prometheus: prometheus.available }),
    );
    const config = loadConfig({
      env: {
        SLACK_BOT_TOKEN: fake.token,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(botPort),
        DATABASE_URL: `sqlite:${join(dir, 'warroom.db')}`,
        WARROOM_CONFIG: configPath,
        WARROOM_INSTANCE_ID: 'playground',
        LOG_LEVEL: options.logLevel ?? 'warn',
        PAGERDUTY_TOKEN: pagerduty.token,
        PAGERDUTY_FROM: person('alice').email,
        PAGERDUTY_API_URL: pagerduty.url,
        PAGERDUTY_WEBHOOK_SECRET: pagerduty.webhookSecret,
        GITHUB_TOKEN: github.token,
        GITHUB_API_URL: github.url,
        ...(prometheus.available ? { PROMETHEUS_URL: prometheus.url } : {}),
      },
    });
    const bot: RunningWarroom = await startWarroom(config, { handleSignals: false });
    stops.push(() => bot.stop('playground stopped'));

    const sim = new SlackSimulator({ fake, botUrl: `${botUrl}/slack/events`, signingSecret, commands: PLAYGROUND_COMMANDS });
    const scenarios = scenarioMenu({
      sim,
      channels,
      pauseMs: options.scenarioPauseMs ?? 6_000,
      recover: () => {
        if (prometheus.available) prometheus.counters.setErrorRatio(HEALTHY_ERROR_RATIO);
      },
      startOutage: async () => {
        if (prometheus.available) prometheus.counters.setErrorRatio(OUTAGE_ERROR_RATIO);
        await redeployBadRelease(kube, { namespace: NAMESPACE, deployment: DEPLOYMENT });
      },
    });
    const panelListeners = new Set<() => void>();
    const panelsChanged = () => panelListeners.forEach((listener) => listener());
    pagerduty.onChange(panelsChanged);
    github.onChange(panelsChanged);
    kube.onWrite(panelsChanged);
    route = pageRoutes({
      sim,
      scenarios,
      onPanelsChange: (listener) => void panelListeners.add(listener),
      acknowledgePage: async (incidentId, userId) => {
        const email = fake.workspace.user(userId)?.email;
        if (!email) return { ok: false, error: 'that person has no email' };
        try {
          await pagerduty.acknowledge(incidentId, email);
          return { ok: true };
        } catch (err) {
          const error = `PagerDuty acknowledgement: ${err instanceof Error ? err.message : String(err)}`;
          sim.toast(error, 'error', userId);
          return { ok: false, error };
        }
      },
      ...(prometheus.available ? { metricsExposition: () => prometheus.counters.exposition() } : {}),
      panels: () => ({
        github: { configured: true, repo: `${GITHUB_OWNER}/${GITHUB_REPO}`, issues: github.issues() },
        pagerduty: { configured: true, ...pagerduty.state() },
        kubernetes: { configured: true, ...demoClusterView(kube, { namespace: NAMESPACE, deployment: DEPLOYMENT }) },
        prometheus: prometheus.available ? { available: true, reason: null } : { available: false, reason: prometheus.reason },
      }),
    });

    return {
      url: pageUrl,
      botUrl,
      sim,
      prometheus: prometheus.available ? { available: true } : { available: false, reason: prometheus.reason },
      scenarios,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
