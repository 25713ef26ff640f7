/**
 * A stateful fake Kubernetes API server on loopback, speaking the wire format @kubernetes/client-node uses for
 * cordon, drain, rollback, restart and scale: JSON objects, metav1.Status errors, dryRun, RBAC 403s, PDB 429s.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { changeListeners, listenOnLoopback, readBody, sendJson } from '../http-kit.js';
import { routes, StatusError, type ApiRequest } from './routes.js';
import { FakeClusterState, type SeedDeployment, type SeedNode, type SeedPdb, type SeedPod } from './state.js';
import { badRequest, forbidden, notFoundPath, type StatusBody } from './status.js';
import type { DeploymentObject, NodeObject, PdbObject, PodObject, ReplicaSetObject } from './objects.js';

export type { DeploymentObject, NodeObject, PdbObject, PodObject, ReplicaSetObject } from './objects.js';
export type { SeedDeployment, SeedNode, SeedPdb, SeedPod } from './state.js';
export { SERVICE_ACCOUNT } from './status.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string;
  body: unknown;
  authorization: string | null;
}

export interface FakeKube {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Stops listening (later calls get ECONNREFUSED) and drops open connections, hanging ones included. */
  close(): Promise<void>;
  addNode(seed: SeedNode): NodeObject;
  addDeployment(seed: SeedDeployment): DeploymentObject;
  addPod(seed: SeedPod): PodObject;
  addPdb(seed: SeedPdb): PdbObject;
  node(name: string): NodeObject | undefined;
  deployment(namespace: string, name: string): DeploymentObject | undefined;
  replicaSets(namespace: string): ReplicaSetObject[];
  pods(): PodObject[];
  pdb(namespace: string, name: string): PdbObject | undefined;
  requests: RecordedRequest[];
  /** Answers 403 to `verb` on `resource` (`patch`, `nodes`; `create`, `pods/eviction`; `patch`, `deployments/scale`). */
  forbid(verb: string, resource: string): void;
  /** While on, requests are read but never answered (for timeouts). */
  hang(on?: boolean): void;
  /** Called after every write that succeeded (the playground redraws its cluster panel). */
  onWrite(listener: () => void): () => void;
}

const BEARER = 'Bearer ';

export async function startFakeKube(options: { token?: string } = {}): Promise<FakeKube> {
  const state = new FakeClusterState();
  const forbidden_ = new Set<string>();
  const requests: RecordedRequest[] = [];
  const writes = changeListeners();
  let hanging = false;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-kube');
    const text = await readBody(req);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      sendJson(res, 400, badRequest(`couldn't get version/kind; json parse error: ${text.slice(0, 40)}`));
      return;
    }
    const authorization = req.headers.authorization ?? null;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), contentType, body, authorization });
    if (hanging) return;
    if (options.token && authorization !== BEARER + options.token) {
      sendJson(res, 401, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 } satisfies StatusBody);
      return;
    }
    const api: ApiRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, contentType, body };
    for (const route of routes) {
      const match = route.method === api.method ? route.pattern.exec(api.path) : null;
      if (!match) continue;
      const params = match.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p)));
      const target = route.target(params);
      if (forbidden_.has(`${target.verb} ${target.resource}`)) return sendJson(res, 403, forbidden(target));
      try {
        const answer = route.handle(state, api, params);
        sendJson(res, answer.status, answer.body);
        if (api.method !== 'GET' && answer.status < 300) writes.notify();
        return;
      } catch (err) {
        if (err instanceof StatusError) return sendJson(res, err.status.code, err.status);
        throw err;
      }
    }
    sendJson(res, 404, notFoundPath());
  }

  const { url, close } = await listenOnLoopback((req, res) => {
    handle(req, res).catch((err: unknown) => sendJson(res, 500, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String(err), reason: 'InternalError', code: 500 }));
  });

  return {
    url,
    close,
    addNode: (seed) => state.addNode(seed),
    addDeployment: (seed) => state.addDeployment(seed),
    addPod: (seed) => state.addPod(seed),
    addPdb: (seed) => state.addPdb(seed),
    node: (name) => state.nodes.get(name),
    deployment: (namespace, name) => state.deployment(namespace, name),
    replicaSets: (namespace) => [...state.replicaSets.values()].filter((rs) => rs.metadata.namespace === namespace),
    pods: () => [...state.pods.values()],
    pdb: (namespace, name) => state.pdbs.get(`${namespace}/${name}`),
    requests,
    forbid: (verb, resource) => void forbidden_.add(`${verb} ${resource}`),
    hang: (on = true) => {
      hanging = on;
    },
    onWrite: writes.add,
  };
}

/** A kubeconfig for the fake: plain HTTP (so `insecure-skip-tls-verify`, which client-node requires for http://) and a token user. */
export function fakeKubeconfig(url: string, options: { context?: string; token?: string } = {}): string {
  const context = options.context ?? 'fake';
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${context}`,
    'clusters:',
    `- name: ${context}-cluster`,
    '  cluster:',
    `    server: ${url}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    `- name: ${context}-user`,
    '  user:',
    `    token: ${options.token ?? 'fake-token'}`,
    'contexts:',
    `- name: ${context}`,
    '  context:',
    `    cluster: ${context}-cluster`,
    `    user: ${context}-user`,
    '',
  ].join('\n');
}
