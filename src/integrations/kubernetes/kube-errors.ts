/**
 * The API server's failures as IntegrationErrors a person can act on. Reasons start with `forbidden:` (naming the
 * verb and resource the ClusterRole lacks), `not_found:`, `unreachable:`, `conflict:`, or, rarer, `unauthorized:`,
 * `invalid:`, `rate_limited:`, `server_error:`.
 */
import { ApiException } from '@kubernetes/client-node';
import { IntegrationError } from '../../core/errors.js';

export const RBAC_FILE = 'deploy/kubernetes/rbac.yaml';

/** What a port method asks the API server for: named in the error when the Status body does not say. */
export interface CallTarget {
  cluster: string;
  operation: string;
  verb: string;
  resource: string;
}

/** The parts of a metav1.Status the adapter reads. */
export interface KubeStatus {
  message: string;
  reason: string;
  code: number;
  /** details.causes[].message, e.g. which disruption budget refused an eviction. */
  causes: string[];
}

/** Thrown by the adapter's own timer, so a timeout is told apart from a refused connection. */
export class KubeTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** Status body of an ApiException (client-node 1.x hands it over as the raw response text). */
export function statusOf(err: ApiException<unknown>): KubeStatus {
  let body: unknown = err.body;
  const raw = err.body;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      return { message: raw.slice(0, 200), reason: '', code: err.code, causes: [] };
    }
  }
  const status = (typeof body === 'object' && body !== null ? body : {}) as { message?: unknown; reason?: unknown; details?: { causes?: { message?: unknown }[] } };
  const causes = (Array.isArray(status.details?.causes) ? status.details.causes : []).map((c) => c.message).filter((m): m is string => typeof m === 'string');
  return { message: typeof status.message === 'string' ? status.message : '', reason: typeof status.reason === 'string' ? status.reason : '', code: err.code, causes };
}

function networkCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
  }
  return null;
}

export function kubeError(err: unknown, t: CallTarget): IntegrationError {
  const fail = (reason: string, retryable: boolean): IntegrationError => new IntegrationError('kubernetes', t.operation, reason, retryable);
  if (err instanceof IntegrationError) return err;
  if (err instanceof KubeTimeout) return fail(`unreachable: the API server of ${t.cluster} did not answer within ${err.ms} ms`, true);
  if (err instanceof ApiException) {
    const status = statusOf(err);
    const said = status.message || `HTTP ${status.code}`;
    switch (status.code) {
      case 403: {
        // The API server names what is missing: `cannot patch resource "nodes" in API group ""`.
        const m = /cannot (\S+) resource "([^"]+)"/.exec(status.message);
        return fail(`forbidden: cannot ${m?.[1] ?? t.verb} ${m?.[2] ?? t.resource} in ${t.cluster} (add it to the ClusterRole: ${RBAC_FILE})`, false);
      }
      case 404:
        return fail(`not_found: ${said} in ${t.cluster}`, false);
      case 409:
        return fail(`conflict: ${said} (${t.cluster})`, false);
      case 401:
        return fail(`unauthorized: the API server of ${t.cluster} rejected the kubeconfig credentials (${said})`, false);
      case 429:
        return fail(`rate_limited: ${said} (${t.cluster})`, true);
      case 400:
      case 415:
      case 422:
        return fail(`invalid: ${said} (${t.cluster})`, false);
      default:
        return fail(`server_error: ${status.code} ${said} (${t.cluster})`, status.code >= 500);
    }
  }
  const code = networkCode(err);
  if (code) return fail(`unreachable: cannot reach the API server of ${t.cluster}: ${code}`, true);
  return fail(`unexpected: ${err instanceof Error ? err.message : String(err)} (${t.cluster})`, false);
}
