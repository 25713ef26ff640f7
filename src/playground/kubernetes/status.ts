/** metav1.Status bodies exactly as the API server words them. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message: string; field?: string }[] };
  code: number;
}

/** What a request is about, for RBAC and error wording. */
export interface Target {
  verb: string;
  /** `nodes`, `pods/eviction`, `deployments/scale`, … */
  resource: string;
  group: string;
  namespace?: string;
  name?: string;
}

export const SERVICE_ACCOUNT = 'system:serviceaccount:warroom:warroom';

function failure(code: number, reason: string, message: string, details?: StatusBody['details']): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

/** `deployments.apps` for a grouped resource, `nodes` for the core group. */
function qualified(resource: string, group: string): string {
  const base = resource.split('/')[0] ?? resource;
  return group ? `${base}.${group}` : base;
}

export function forbidden(t: Target): StatusBody {
  const subject = t.name ? `${qualified(t.resource, t.group)} "${t.name}"` : qualified(t.resource, t.group);
  const scope = t.namespace ? `in the namespace "${t.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${SERVICE_ACCOUNT}" cannot ${t.verb} resource "${t.resource}" in API group "${t.group}" ${scope}`;
  return failure(403, 'Forbidden', message, { ...(t.name ? { name: t.name } : {}), group: t.group, kind: t.resource.split('/')[0] ?? t.resource });
}

export function notFound(resource: string, group: string, name: string): StatusBody {
  return failure(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, { name, group, kind: resource });
}

export function notFoundPath(): StatusBody {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function conflict(resource: string, group: string, name: string): StatusBody {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, group, kind: resource });
}

export function badRequest(message: string): StatusBody {
  return failure(400, 'BadRequest', message);
}

export function unsupportedMediaType(contentType: string): StatusBody {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`);
}

export function invalid(message: string): StatusBody {
  return failure(422, 'Invalid', message);
}

export function disruptionBudget(pdb: string, desired: number, current: number): StatusBody {
  return failure(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
    causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb} needs ${desired} healthy pods and has ${current} currently` }],
  });
}
