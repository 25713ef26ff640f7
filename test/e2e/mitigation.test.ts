/**
 * Kubernetes mitigation end to end: the real Bolt app over signed HTTP, the fake Slack, the real client-node adapter
 * against the fake Kubernetes API server. End states are read from the fake cluster.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNERS_GROUP, PEOPLE, RESPONDERS_GROUP, startHarness, type Harness } from '../support/e2e-harness.js';
import { fakeKubeconfig, startFakeKube, type FakeKube } from '../../src/playground/kubernetes/index.js';

const ZONE = 'topology.kubernetes.io/zone';

describe('mitigation from the war room, end to end', () => {
  let kube: FakeKube;
  let h: Harness;
  let room: string;

  beforeAll(async () => {
    kube = await startFakeKube();
    for (const [zone, count] of [['us-west-2a', 3], ['us-west-2b', 4], ['us-west-2c', 3]] as const) {
      for (let i = 1; i <= count; i += 1) kube.addNode({ name: `${zone}-node-${i}`, zone });
    }
    kube.addDeployment({ namespace: 'shop', name: 'checkout-api', replicas: 4, image: 'registry.example/checkout:v242', revisions: [{ revision: 1, image: 'registry.example/checkout:v241' }] });
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'warroom-kube-')), 'kubeconfig');
    writeFileSync(kubeconfig, fakeKubeconfig(kube.url));
    h = await startHarness({
      checkoutExtra: '    kubernetes: { cluster: prod, namespace: shop, deployments: [checkout-api] }\n',
      extraYaml: [
        'clusters:',
        '  - name: prod',
        `    kubeconfig: ${kubeconfig}`,
        '    namespaces: [shop]',
        '    permissions:',
        `      cordon: [${RESPONDERS_GROUP}, ${OWNERS_GROUP}]`,
        `      drain: [${RESPONDERS_GROUP}]`,
        `      rollback: [${RESPONDERS_GROUP}]`,
        `      restart: [${RESPONDERS_GROUP}]`,
        `      scale: [${RESPONDERS_GROUP}]`,
        'mitigation:',
        '  blast_radius_percent: 10',
        '',
      ].join('\n'),
    });
    await h.slack.slashCommand({ text: 'declare Checkout errors in us-west-2a --sev SEV2 --service checkout', userId: PEOPLE.alice, channelId: h.general });
    await h.settle();
    room = (await h.deps.store.incidents.listOpen())[0]?.channelId as string;
  });
  afterAll(async () => {
    await h?.close();
    await kube?.close();
  });

  async function command(text: string, userId: string = PEOPLE.alice) {
    expect((await h.slack.slashCommand({ text, userId, channelId: room })).status).toBe(200);
    await h.settle();
  }

  const previews = () => h.fake.workspace.messages(room).filter((m) => JSON.stringify(m.blocks ?? []).includes('mitigation_confirm') || /undo|cancelled|Cordon|Roll back/i.test(m.text));

  async function press(actionId: 'mitigation_confirm' | 'mitigation_cancel', mitigationId: number, userId: string) {
    const response = await h.slack.interaction({
      type: 'block_actions',
      user: { id: userId, username: userId, team_id: 'T0WARROOM' },
      channel: { id: room, name: 'room' },
      container: { type: 'message', message_ts: '1.1', channel_id: room },
      trigger_id: '8.8.8',
      response_url: h.fake.newResponseUrl(),
      actions: [{ type: 'button', action_id: actionId, block_id: 'mitigation', value: String(mitigationId), action_ts: '1.2' }],
    });
    expect(response.status).toBe(200);
    await h.settle();
    return h.fake.workspace.responses.at(-1)?.text ?? '';
  }

  it('cordons a zone by label only after two different authorized people confirm, and says how to undo it', async () => {
    await command(`cordon -l ${ZONE}=us-west-2a`);
    const preview = previews().at(-1);
    expect(JSON.stringify(preview)).toMatch(/3 nodes/);
    expect(JSON.stringify(preview)).toMatch(/30(\.0)?%/);
    const id = 1;
    const zoneNodes = () => ['us-west-2a-node-1', 'us-west-2a-node-2', 'us-west-2a-node-3'].map((n) => kube.node(n)?.spec?.unschedulable ?? false);

    expect(await press('mitigation_confirm', id, PEOPLE.mallory)).toMatch(/may|allowed|group/i);
    expect(await press('mitigation_confirm', id, PEOPLE.dave)).toMatch(/second/i);
    expect(zoneNodes()).toEqual([false, false, false]);
    expect(await press('mitigation_confirm', id, PEOPLE.dave)).toMatch(/second, different|different person/i);
    expect(zoneNodes()).toEqual([false, false, false]);
    await press('mitigation_confirm', id, PEOPLE.bob);
    expect(zoneNodes()).toEqual([true, true, true]);
    expect(kube.node('us-west-2b-node-1')?.spec?.unschedulable ?? false).toBe(false);

    const done = await h.deps.store.mitigations.get(id);
    expect(done).toMatchObject({ state: 'succeeded', confirmations: [{ userId: PEOPLE.dave }, { userId: PEOPLE.bob }] });
    expect(done?.result?.undo).toBe(`uncordon -l ${ZONE}=us-west-2a`);
    const edited = h.fake.workspace.messages(room).find((m) => m.ts === done?.messageTs);
    expect(JSON.stringify(edited)).toContain(`uncordon -l ${ZONE}=us-west-2a`);
    const timeline = await h.deps.store.timeline.list(done?.incidentId as number);
    expect(timeline.filter((e) => e.key.startsWith(`act:mitigation:${id}:`)).length).toBeGreaterThanOrEqual(3);
  });

  it('rolls a deployment back to the previous revision after one confirmation', async () => {
    await command('rollback checkout-api');
    const m = (await h.deps.store.mitigations.get(2))!;
    expect(m.preview.revision).toMatchObject({ from: 2, to: 1, imagesFrom: ['registry.example/checkout:v242'], imagesTo: ['registry.example/checkout:v241'] });
    await press('mitigation_confirm', 2, PEOPLE.dave);
    expect((await h.deps.store.mitigations.get(2))?.state).toBe('succeeded');
    const images = JSON.stringify(kube.deployment('shop', 'checkout-api')?.spec?.template);
    expect(images).toContain('registry.example/checkout:v241');
  });

  it('shows nodes per zone, and refuses a namespace the cluster does not allow', async () => {
    await command('nodes');
    expect(JSON.stringify(h.fake.workspace.responses.at(-1))).toMatch(/us-west-2a/);
    await command('restart checkout-api -n kube-system');
    expect(h.fake.workspace.responses.at(-1)?.text).toMatch(/[Nn]amespace not allowed/);
  });
});
