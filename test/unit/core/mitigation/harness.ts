/** A war room on a fake cluster: 10 nodes in three zones, a shop namespace with checkout and its revisions. */
import { createMitigationUseCases } from '../../../../src/core/mitigation/index.js';
import type { ClusterNode, ClusterPod, ClusterReplicaSet, Store } from '../../../../src/core/ports.js';
import type { MitigationSettings } from '../../../../src/core/mitigation/model.js';
import type { NewIncident } from '../../../../src/core/incident/model.js';
import { createMitigationViews } from '../../../../src/templates/mitigation/index.js';
import { createFakeChat, createFakeClock, createMemoryStore, createSilentLogger } from '../../../support/fakes/index.js';
import { createFakeCluster, type PodTemplate } from '../../../support/fakes/fake-cluster.js';
import { createMemoryMitigationRepository } from '../../../support/fakes/memory-mitigations.js';

export const WAR_ROOM = 'CWAR00001';
export const GROUPS = { sre: 'S0SRE', leads: 'S0LEADS' };
export const PEOPLE = { alice: 'U0ALICE', bob: 'U0BOB', carol: 'U0CAROL', mallory: 'U0MALLORY' };

const node = (name: string, zone: string, extra: Partial<ClusterNode> = {}): ClusterNode => ({
  name, zone, unschedulable: false, ready: true, resourceVersion: '1',
  labels: { 'topology.kubernetes.io/zone': zone, 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': name }, ...extra,
});

export const template = (image: string, annotations: Record<string, string> = {}): PodTemplate => ({
  metadata: { annotations }, spec: { containers: [{ name: 'app', image }] },
});

const rs = (revision: number, image: string): ClusterReplicaSet => ({
  namespace: 'shop', name: `checkout-${revision}`, ownerUid: 'uid-checkout', revision, images: [image], template: template(image), createdAt: null,
});

export const pod = (name: string, nodeName: string, extra: Partial<ClusterPod> = {}): ClusterPod => ({
  namespace: 'shop', name, nodeName, phase: 'Running', ready: true, restarts: 0, owner: { kind: 'ReplicaSet', name: 'checkout-7' },
  mirror: false, usesEmptyDir: false, labels: { app: 'checkout' }, ...extra,
});

export function clusterData() {
  const zones = ['us-west-2a', 'us-west-2a', 'us-west-2a', 'us-west-2b', 'us-west-2b', 'us-west-2b', 'us-west-2c', 'us-west-2c', 'us-west-2c', 'us-west-2c'];
  return {
    nodes: zones.map((zone, i) => node(`node-${i + 1}`, zone)),
    pods: [] as ClusterPod[],
    deployments: [{
      namespace: 'shop', name: 'checkout', uid: 'uid-checkout', replicas: 4, readyReplicas: 4, paused: false, revision: 7,
      images: ['shop/checkout:1.7'], template: template('shop/checkout:1.7'), resourceVersion: '500',
    }],
    replicaSets: [rs(5, 'shop/checkout:1.5'), rs(6, 'shop/checkout:1.6'), rs(7, 'shop/checkout:1.7'),
      { ...rs(3, 'other/thing:1'), name: 'payments-3', ownerUid: 'uid-payments' }],
    pdbs: [] as { namespace: string; name: string; selector: Record<string, string>; disruptionsAllowed: number }[],
  };
}

export function settings(overrides: Partial<MitigationSettings> = {}): MitigationSettings {
  const sre = [GROUPS.sre];
  return {
    clusters: [{ name: 'prod', namespaces: ['shop'], permissions: { cordon: sre, drain: sre, rollback: [GROUPS.sre, GROUPS.leads], restart: sre, scale: sre } }],
    blastRadiusPercent: 10,
    previewExpiryMinutes: 10,
    services: [{ name: 'checkout', cluster: 'prod', namespace: 'shop', deployments: ['checkout'] }],
    ...overrides,
  };
}

export async function createHarness(options: { data?: ReturnType<typeof clusterData>; settings?: MitigationSettings } = {}) {
  const clock = createFakeClock('2026-03-02T14:00:00Z');
  const store = Object.assign(createMemoryStore({ clock }), { mitigations: createMemoryMitigationRepository() }) as Store & ReturnType<typeof createMemoryStore> & {
    mitigations: ReturnType<typeof createMemoryMitigationRepository>;
  };
  const chat = createFakeChat({ groups: { [GROUPS.sre]: [PEOPLE.alice, PEOPLE.bob], [GROUPS.leads]: [PEOPLE.carol] } });
  const cluster = createFakeCluster({ prod: options.data ?? clusterData() });
  const sleeps: number[] = [];
  const incident: NewIncident = {
    title: 'Checkout errors', severity: 'SEV1', state: 'investigating', service: 'checkout', impact: null, isPrivate: false,
    declaredBy: PEOPLE.carol, dedupeKey: 'd-1', declaredAt: clock.now(), startedAt: null, mitigatedAt: null, resolvedAt: null,
    commanderAssignedAt: clock.now(), roles: { commander: PEOPLE.carol }, channelId: WAR_ROOM, channelName: 'inc-checkout',
    declarationTs: null, announcement: null, lastUpdateAt: null, lastUpdateText: null, links: {},
  };
  const stored = await store.incidents.create(incident);
  chat.channels.set(WAR_ROOM, { id: WAR_ROOM, name: 'inc-checkout', isPrivate: false, topic: '', purpose: '', members: [] });
  const useCases = createMitigationUseCases({
    store, cluster, chat, clock, logger: createSilentLogger(), views: createMitigationViews({ timeZone: 'UTC' }),
    settings: options.settings ?? settings(), incidentServices: [],
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  });
  const events = async () => store.timeline.list(stored.id);
  const messageOf = (ts: string | null) => chat.messages.find((m) => m.ts === ts);
  return { clock, store, chat, cluster, useCases, sleeps, incident: stored, events, messageOf };
}

export const asker = { userId: PEOPLE.carol };
export const alice = { userId: PEOPLE.alice };
export const bob = { userId: PEOPLE.bob };
export const mallory = { userId: PEOPLE.mallory };
