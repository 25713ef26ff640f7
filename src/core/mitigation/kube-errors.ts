/** Kubernetes failures as sentences that say what to do (the adapter's reason already names the verb and resource). */
import { DomainError, IntegrationError, describeError } from '../errors.js';

/** One sentence for a failed Kubernetes call on `cluster`, with the next step. */
export function clusterAdvice(cluster: string, err: unknown): string {
  if (!(err instanceof IntegrationError)) return `Kubernetes call on ${cluster} failed: ${describeError(err)}.`;
  const reason = err.reason;
  if (reason.startsWith('forbidden:')) {
    return `Kubernetes refused on ${cluster} (${reason}): grant that to Warroom's ServiceAccount (deploy/kubernetes/rbac.yaml), then try again.`;
  }
  if (reason.startsWith('unreachable:')) {
    return `Cluster ${cluster} is unreachable (${reason}): check its kubeconfig, context and network, then try again.`;
  }
  if (reason.startsWith('conflict:')) return `The object changed on ${cluster} while Warroom was writing (${reason}): ask for a new preview.`;
  if (reason.startsWith('not_found:')) return `Not found on ${cluster} (${reason}): it may have been deleted; ask for a new preview.`;
  return `Kubernetes ${err.operation} on ${cluster} failed: ${reason}.`;
}

/** Runs a read for a preview or report; a port error becomes a DomainError with the advice. */
export async function kube<T>(cluster: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError('INTEGRATION_FAILED', clusterAdvice(cluster, err), { cluster });
  }
}
