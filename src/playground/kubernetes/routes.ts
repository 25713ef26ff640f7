/** The API paths the fake serves: each names its RBAC target and answers from the FakeClusterState. */
import { jsonPatch, JsonPatchTestFailed, mergePatch } from './patch.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { badRequest, conflict, disruptionBudget, invalid, notFound, unsupportedMediaType, type StatusBody, type Target } from './status.js';
import type { DeploymentObject, ObjectMeta } from './objects.js';
import type { FakeClusterState } from './state.js';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface Route {
  method: string;
  pattern: RegExp;
  target(params: string[]): Target;
  handle(state: FakeClusterState, req: ApiRequest, params: string[]): ApiResponse;
}

/** Thrown by handlers; the server turns it into the response. */
export class StatusError extends Error {
  constructor(readonly status: StatusBody) {
    super(status.message);
  }
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body: structuredClone(body) });
const dryRun = (req: ApiRequest): boolean => req.query.get('dryRun') === 'All';

function list<T extends { metadata: ObjectMeta }>(kind: string, apiVersion: string, items: T[], state: FakeClusterState): ApiResponse {
  return ok({ kind, apiVersion, metadata: { resourceVersion: state.nextVersion() }, items });
}

function labelsMatch(req: ApiRequest, meta: ObjectMeta): boolean {
  try {
    return parseLabelSelector(req.query.get('labelSelector'))(meta.labels ?? {});
  } catch (err) {
    throw new StatusError(badRequest(`unable to parse requirement: ${(err as Error).message}`));
  }
}

function fieldMatcher(req: ApiRequest, fields: string[]): (values: Record<string, string>) => boolean {
  try {
    return parseFieldSelector(req.query.get('fieldSelector'), fields);
  } catch (err) {
    throw new StatusError(badRequest((err as Error).message));
  }
}

function patched<T extends { metadata: ObjectMeta }>(current: T, req: ApiRequest, resource: string, group: string): T {
  let next: unknown;
  try {
    if (req.contentType === 'application/json-patch+json') next = jsonPatch(current, req.body);
    else if (req.contentType === 'application/merge-patch+json' || req.contentType === 'application/strategic-merge-patch+json') next = mergePatch(current, req.body);
    else throw new StatusError(unsupportedMediaType(req.contentType));
  } catch (err) {
    if (err instanceof StatusError) throw err;
    throw new StatusError(err instanceof JsonPatchTestFailed ? invalid(err.message) : badRequest((err as Error).message));
  }
  const result = next as T;
  // A resourceVersion in the patch is a precondition: the API server answers 409 when the object moved on.
  if (result.metadata?.resourceVersion !== current.metadata.resourceVersion) throw new StatusError(conflict(resource, group, current.metadata.name));
  if (result.metadata.name !== current.metadata.name) throw new StatusError(badRequest('the name of the object cannot be changed by a patch'));
  return result;
}

function mustFind<T>(value: T | undefined, resource: string, group: string, name: string): T {
  if (value === undefined) throw new StatusError(notFound(resource, group, name));
  return value;
}

const core = (verb: string, resource: string, ns?: string, name?: string): Target => ({ verb, resource, group: '', ...(ns ? { namespace: ns } : {}), ...(name ? { name } : {}) });
const apps = (verb: string, resource: string, ns?: string, name?: string): Target => ({ ...core(verb, resource, ns, name), group: 'apps' });
const policy = (verb: string, resource: string, ns?: string): Target => ({ ...core(verb, resource, ns), group: 'policy' });

function scaleOf(d: DeploymentObject): unknown {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = d.metadata;
  const selector = Object.entries(d.spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(',');
  return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name, namespace, uid, resourceVersion, creationTimestamp }, spec: { replicas: d.spec.replicas }, status: { replicas: d.status.replicas, selector } };
}

function writeDeployment(state: FakeClusterState, req: ApiRequest, current: DeploymentObject, next: DeploymentObject): ApiResponse {
  if (!Number.isInteger(next.spec.replicas) || next.spec.replicas < 0) throw new StatusError(invalid(`Deployment.apps "${current.metadata.name}" is invalid: spec.replicas: Invalid value: ${String(next.spec.replicas)}: must be greater than or equal to 0`));
  if (dryRun(req)) return ok(next);
  state.commitDeployment(next, current);
  return ok(next);
}

export const routes: Route[] = [
  {
    method: 'GET', pattern: /^\/api\/v1\/nodes$/, target: () => core('list', 'nodes'),
    handle: (s, req) => {
      const fields = fieldMatcher(req, ['metadata.name']);
      return list('NodeList', 'v1', [...s.nodes.values()].filter((n) => labelsMatch(req, n.metadata) && fields({ 'metadata.name': n.metadata.name })), s);
    },
  },
  { method: 'GET', pattern: /^\/api\/v1\/nodes\/([^/]+)$/, target: ([n]) => core('get', 'nodes', undefined, n), handle: (s, _r, [n = '']) => ok(mustFind(s.nodes.get(n), 'nodes', '', n)) },
  {
    method: 'PATCH', pattern: /^\/api\/v1\/nodes\/([^/]+)$/, target: ([n]) => core('patch', 'nodes', undefined, n),
    handle: (s, req, [n = '']) => {
      const next = patched(mustFind(s.nodes.get(n), 'nodes', '', n), req, 'nodes', '');
      const value = next.spec?.unschedulable;
      if (value !== undefined && typeof value !== 'boolean') throw new StatusError(badRequest(`json: cannot unmarshal ${typeof value} into Go struct field NodeSpec.spec.unschedulable of type bool`));
      if (!value) delete next.spec.unschedulable; // false is the zero value: the API server omits it
      if (dryRun(req)) return ok(next);
      next.metadata.resourceVersion = s.nextVersion();
      s.nodes.set(n, next);
      return ok(next);
    },
  },
  {
    method: 'GET', pattern: /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?pods$/, target: ([ns]) => core('list', 'pods', ns),
    handle: (s, req, [ns]) => {
      const fields = fieldMatcher(req, ['spec.nodeName', 'metadata.name', 'metadata.namespace']);
      const items = [...s.pods.values()].filter((p) => (!ns || p.metadata.namespace === ns) && labelsMatch(req, p.metadata)
        && fields({ 'spec.nodeName': p.spec.nodeName, 'metadata.name': p.metadata.name, 'metadata.namespace': p.metadata.namespace ?? '' }));
      return list('PodList', 'v1', items, s);
    },
  },
  { method: 'GET', pattern: /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/, target: ([ns, n]) => core('get', 'pods', ns, n), handle: (s, _r, [ns = '', n = '']) => ok(mustFind(s.pod(ns, n), 'pods', '', n)) },
  {
    method: 'POST', pattern: /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/eviction$/, target: ([ns, n]) => core('create', 'pods/eviction', ns, n),
    handle: (s, req, [ns = '', n = '']) => {
      const body = req.body as { kind?: string; apiVersion?: string; metadata?: { name?: string } } | null;
      if (body?.kind !== 'Eviction' || body.apiVersion !== 'policy/v1') throw new StatusError(badRequest(`expected policy/v1 Eviction, got ${String(body?.apiVersion)} ${String(body?.kind)}`));
      if (body.metadata?.name !== n) throw new StatusError(badRequest('name in URL does not match name in Eviction object'));
      const pod = mustFind(s.pod(ns, n), 'pods', '', n);
      const blocking = [...s.pdbs.values()].filter((p) => p.metadata.namespace === ns && Object.entries(p.spec.selector.matchLabels).every(([k, v]) => pod.metadata.labels?.[k] === v));
      const refused = blocking.find((p) => p.status.disruptionsAllowed <= 0);
      if (refused) throw new StatusError(disruptionBudget(refused.metadata.name, refused.status.desiredHealthy, refused.status.currentHealthy));
      if (!dryRun(req)) {
        for (const pdb of blocking) pdb.status.disruptionsAllowed -= 1;
        s.pods.delete(`${ns}/${n}`);
      }
      return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
    },
  },
  {
    method: 'GET', pattern: /^\/apis\/policy\/v1\/(?:namespaces\/([^/]+)\/)?poddisruptionbudgets$/, target: ([ns]) => policy('list', 'poddisruptionbudgets', ns),
    handle: (s, req, [ns]) => list('PodDisruptionBudgetList', 'policy/v1', [...s.pdbs.values()].filter((p) => (!ns || p.metadata.namespace === ns) && labelsMatch(req, p.metadata)), s),
  },
  {
    method: 'GET', pattern: /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments$/, target: ([ns]) => apps('list', 'deployments', ns),
    handle: (s, req, [ns]) => list('DeploymentList', 'apps/v1', [...s.deployments.values()].filter((d) => d.metadata.namespace === ns && labelsMatch(req, d.metadata)), s),
  },
  { method: 'GET', pattern: /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/, target: ([ns, n]) => apps('get', 'deployments', ns, n), handle: (s, _r, [ns = '', n = '']) => ok(mustFind(s.deployment(ns, n), 'deployments', 'apps', n)) },
  {
    method: 'PATCH', pattern: /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/, target: ([ns, n]) => apps('patch', 'deployments', ns, n),
    handle: (s, req, [ns = '', n = '']) => {
      const current = mustFind(s.deployment(ns, n), 'deployments', 'apps', n);
      return writeDeployment(s, req, current, patched(current, req, 'deployments', 'apps'));
    },
  },
  { method: 'GET', pattern: /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)\/scale$/, target: ([ns, n]) => apps('get', 'deployments/scale', ns, n), handle: (s, _r, [ns = '', n = '']) => ok(scaleOf(mustFind(s.deployment(ns, n), 'deployments', 'apps', n))) },
  ...(['PATCH', 'PUT'] as const).map((method): Route => ({
    method, pattern: /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)\/scale$/, target: ([ns, n]) => apps(method === 'PUT' ? 'update' : 'patch', 'deployments/scale', ns, n),
    handle: (s, req, [ns = '', n = '']) => {
      const current = mustFind(s.deployment(ns, n), 'deployments', 'apps', n);
      const scale = scaleOf(current) as { metadata: ObjectMeta; spec: { replicas: number } };
      const next = method === 'PUT' ? (req.body as typeof scale) : patched(scale, req, 'deployments', 'apps');
      if (next.metadata?.resourceVersion && next.metadata.resourceVersion !== current.metadata.resourceVersion) throw new StatusError(conflict('deployments', 'apps', n));
      const updated = structuredClone(current);
      updated.spec.replicas = next.spec?.replicas;
      const answer = writeDeployment(s, req, current, updated);
      return ok(scaleOf(answer.body as DeploymentObject));
    },
  })),
  {
    method: 'GET', pattern: /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/replicasets$/, target: ([ns]) => apps('list', 'replicasets', ns),
    handle: (s, req, [ns]) => list('ReplicaSetList', 'apps/v1', [...s.replicaSets.values()].filter((r) => r.metadata.namespace === ns && labelsMatch(req, r.metadata)), s),
  },
];

