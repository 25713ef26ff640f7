/**
 * The playground's demo company: people, groups and channels of the simulated workspace, and the warroom.yml that
 * wires the real bot to the demo back ends. Everything here is data; the behaviour is the product's own.
 */
import type { FakeWorkspace } from './slack/index.js';

export interface DemoPerson {
  id: string;
  name: string;
  realName: string;
  title: string;
  email: string;
  /** Their login on the demo GitHub. */
  github: string;
}

export const DEMO_PEOPLE = [
  { id: 'U0ALICE0001', name: 'alice', realName: 'Alice Chen', title: 'SRE, incident commander on duty', email: 'alice@example.com', github: 'alice-chen' },
  { id: 'U0BOB000001', name: 'bob', realName: 'Bob Okafor', title: 'Checkout team lead', email: 'bob@example.com', github: 'bob-okafor' },
  { id: 'U0CAROL0001', name: 'carol', realName: 'Carol Díaz', title: 'SRE, primary on call', email: 'carol@example.com', github: 'carol-diaz' },
  { id: 'U0DAVE00001', name: 'dave', realName: 'Dave Müller', title: 'SRE, secondary on call', email: 'dave@example.com', github: 'dave-muller' },
] as const satisfies readonly DemoPerson[];

export type DemoName = (typeof DEMO_PEOPLE)[number]['name'];
export const person = (name: DemoName): DemoPerson => DEMO_PEOPLE.find((p) => p.name === name) as DemoPerson;

export const RESPONDERS_GROUP = 'S0SRE000001';
export const OWNERS_GROUP = 'S0CHECKOUT1';
export const SERVICE = 'checkout';
export const NAMESPACE = 'shop';
export const DEPLOYMENT = 'checkout-api';
export const GITHUB_OWNER = 'acme';
export const GITHUB_REPO = 'checkout';
/** The demo GitHub has commits to it, so the context snapshot finds a config change. */
export const CONFIG_PATH = 'deploy/checkout/values.yaml';

export interface SeededChannels {
  incidents: string;
  general: string;
  deploys: string;
}

/** People, groups and the channels a team already has before the first incident. */
export function seedWorkspace(ws: FakeWorkspace): SeededChannels {
  ws.addUser({ id: 'USLACKBOT', name: 'slackbot', realName: 'Slackbot', isBot: true });
  for (const p of DEMO_PEOPLE) ws.addUser({ id: p.id, name: p.name, realName: p.realName, email: p.email });
  ws.addUserGroup({ id: RESPONDERS_GROUP, handle: 'sre', name: 'SRE on call', users: [person('alice').id, person('carol').id, person('dave').id] });
  ws.addUserGroup({ id: OWNERS_GROUP, handle: 'checkout-owners', name: 'Checkout owners', users: [person('bob').id] });
  const everyone = DEMO_PEOPLE.map((p) => p.id);
  const incidents = ws.addChannel({ name: 'incidents', members: everyone, topic: 'Every incident is announced here' });
  const general = ws.addChannel({ name: 'general', members: everyone, topic: 'Try /incident declare Checkout errors --sev SEV2 --service checkout' });
  const deploys = ws.addChannel({ name: 'deploys', members: everyone, topic: 'Try /deploy-check checkout' });
  return { incidents: incidents.id, general: general.id, deploys: deploys.id };
}

export interface DemoConfigInput {
  channels: SeededChannels;
  pagerduty: { serviceId: string; escalationPolicyId: string } | null;
  kubeconfigPath: string | null;
  prometheus: boolean;
}

const QUERIES = {
  errors: `sum(rate(http_requests_total{service="${SERVICE}",code=~"5.."}[{{.window}}]))`,
  total: `sum(rate(http_requests_total{service="${SERVICE}"}[{{.window}}]))`,
};

/** warroom.yml for the playground: one service with an SLO, a cluster of three zones, GitHub and PagerDuty. */
export function demoConfigYaml(input: DemoConfigInput): string {
  const lines = [
    'time_zone: UTC',
    'slack:',
    `  announce_channel: ${input.channels.incidents}`,
    `  responders_group: ${RESPONDERS_GROUP}`,
    '  key_event_reactions: [pushpin, rotating_light]',
    'incidents:',
    '  default_severity: SEV3',
    'services:',
    `  - name: ${SERVICE}`,
    '    description: Checkout and payments API',
    `    owners_group: ${OWNERS_GROUP}`,
    '    deploy_defaults: { blast_radius: namespace, rollback: instant, coverage: 85 }',
    `    github_repository: ${GITHUB_OWNER}/${GITHUB_REPO}`,
  ];
  if (input.pagerduty) lines.push(`    pagerduty: { service_id: ${input.pagerduty.serviceId}, escalation_policy_id: ${input.pagerduty.escalationPolicyId} }`);
  if (input.kubeconfigPath) lines.push(`    kubernetes: { cluster: demo, namespace: ${NAMESPACE}, deployments: [${DEPLOYMENT}] }`);
  if (input.prometheus) {
    lines.push(
      '    slos:',
      '      - name: availability',
      '        objective: 99.9',
      '        window: 30d',
      '        sli:',
      `          error_query: ${QUERIES.errors}`,
      `          total_query: ${QUERIES.total}`,
      '    context:',
      `      error_query: ${QUERIES.errors}`,
      `      total_query: ${QUERIES.total}`,
      `      config_changes: { github_path: ${CONFIG_PATH} }`,
    );
  }
  if (input.kubeconfigPath) {
    lines.push(
      'clusters:',
      '  - name: demo',
      `    kubeconfig: ${input.kubeconfigPath}`,
      `    namespaces: [${NAMESPACE}]`,
      '    permissions:',
      ...['cordon', 'drain', 'rollback', 'restart', 'scale'].map((action) => `      ${action}: [${RESPONDERS_GROUP}]`),
      'mitigation:',
      '  blast_radius_percent: 10',
    );
  }
  if (input.pagerduty) lines.push('pagerduty:', `  default_service_id: ${input.pagerduty.serviceId}`);
  lines.push(
    'deploy:',
    `  approvers_group: ${RESPONDERS_GROUP}`,
    'github:',
    `  central_repository: ${GITHUB_OWNER}/${GITHUB_REPO}`,
    `  users: { ${DEMO_PEOPLE.map((p) => `${p.id}: ${p.github}`).join(', ')} }`,
    'review:',
    `  channel: ${input.channels.incidents}`,
    'jobs:',
    '  poll_interval_ms: 1000',
  );
  return `${lines.join('\n')}\n`;
}
