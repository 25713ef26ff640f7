/**
 * Drain like kubectl: cordon, then evict through the Eviction API. A PodDisruptionBudget refusal is retried with
 * exponential backoff until the timeout, then reported pod by pod. A pod already gone counts as evicted.
 */
import type { MitigationDeps } from './deps.js';
import { describeError } from '../errors.js';
import type { Mitigation, MitigationPreview, MitigationResult } from './model.js';
import { drainPods } from './node-preview.js';
import type { Report } from './progress.js';

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 16_000;
export const DEFAULT_DRAIN_TIMEOUT_SECONDS = 300;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runDrain(deps: MitigationDeps, m: Mitigation, report: Report, undo: string): Promise<MitigationResult> {
  const { cluster, options } = m.request;
  const sleep = deps.sleep ?? realSleep;
  for (const node of m.preview.nodes) await deps.cluster.setUnschedulable(cluster, node.name, true, { dryRun: false });
  await report(`Cordoned ${m.preview.nodes.map((n) => n.name).join(', ')}.`);

  // Like kubectl, evict what runs on the nodes now (once cordoned, nothing new lands): pods may have come and gone
  // since the preview. A newcomer that needs --force or --delete-emptydir-data stops the drain here.
  let pods: MitigationPreview['pods'];
  try {
    pods = await drainPods(deps, cluster, m.preview.nodes, m.request);
  } catch (err) {
    return { ok: false, summary: `Drain stopped after cordoning: ${describeError(err)} The nodes stay cordoned.`, details: [], undo };
  }
  const toEvict = pods.filter((p) => p.disposition === 'evict');
  const deadline = deps.clock.now().getTime() + (options.timeoutSeconds ?? DEFAULT_DRAIN_TIMEOUT_SECONDS) * 1000;
  const blocked = new Map<string, string>();
  let pending = toEvict;
  let evicted = 0;
  let delay = FIRST_DELAY_MS;
  for (let pass = 1; pending.length > 0; pass++) {
    const still: typeof pending = [];
    for (const pod of pending) {
      const answer = await deps.cluster.evictPod(cluster, pod.namespace, pod.name, { dryRun: false, ...(options.graceSeconds !== undefined ? { gracePeriodSeconds: options.graceSeconds } : {}) });
      if (answer.evicted || answer.reason === 'gone') {
        evicted++;
        blocked.delete(`${pod.namespace}/${pod.name}`);
      } else {
        still.push(pod);
        blocked.set(`${pod.namespace}/${pod.name}`, answer.message);
      }
    }
    pending = still;
    // Two edits at most while evicting: after the first pass (when something waits) and at the end.
    if (pass === 1 && pending.length > 0) await report(`Evicted ${evicted} of ${toEvict.length} pods; ${pending.length} refused by a PodDisruptionBudget, retrying until the timeout.`);
    if (pending.length === 0 || deps.clock.now().getTime() + delay > deadline) break;
    await sleep(delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
  const skipped = pods.length - toEvict.length;
  const details = [
    `Cordoned ${m.preview.nodes.length} ${m.preview.nodes.length === 1 ? 'node' : 'nodes'}.`,
    `Evicted ${evicted} of ${toEvict.length} pods${skipped ? `; left ${skipped} DaemonSet/mirror pods in place` : ''}.`,
    ...pending.map((p) => `Not evicted: ${p.namespace}/${p.name} on ${p.node ?? '?'} — blocked by ${p.pdb ? `PodDisruptionBudget ${p.pdb}` : 'a PodDisruptionBudget'}: ${blocked.get(`${p.namespace}/${p.name}`) ?? ''}`.trim()),
  ];
  await report(pending.length ? `Gave up on ${pending.length} pods after the timeout.` : `Evicted ${evicted} pods.`);
  const timeout = options.timeoutSeconds ?? DEFAULT_DRAIN_TIMEOUT_SECONDS;
  return pending.length
    ? {
        ok: false,
        summary: `Drain incomplete: ${pending.length} ${pending.length === 1 ? 'pod was' : 'pods were'} still blocked by a PodDisruptionBudget after ${timeout}s. The nodes stay cordoned; scale the protected workloads up or retry the drain later.`,
        details,
        undo,
      }
    : { ok: true, summary: `Drained ${m.preview.nodes.length === 1 ? m.preview.nodes[0]!.name : `${m.preview.nodes.length} nodes`}: ${evicted} pods evicted.`, details, undo };
}
