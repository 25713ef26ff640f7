/** confirm and cancel: authorization, expiry, the two-person rule, the live re-check, then the run and its audit. */
import { DomainError } from '../errors.js';
import type { Actor } from '../incident/api.js';
import type { ConfirmOutcome } from './api.js';
import { describeRequest, recordStep, refreshMessage } from './audit.js';
import { requireAuthorized } from './authorization.js';
import type { MitigationDeps } from './deps.js';
import { execute } from './execute.js';
import { clusterAdvice } from './kube-errors.js';
import type { Mitigation, MitigationState } from './model.js';
import { progressReporter } from './progress.js';
import { describeChange, liveState, type LiveState } from './recheck.js';

const OPEN: MitigationState[] = ['pending', 'awaiting_second'];

async function load(deps: MitigationDeps, id: number): Promise<Mitigation> {
  const m = await deps.store.mitigations.get(id);
  if (!m) throw new DomainError('BAD_INPUT', `There is no mitigation #${id}: ask for a new preview.`, { id });
  return m;
}

const refused = (mitigation: Mitigation, reason: string): ConfirmOutcome => ({ mitigation, outcome: 'refused', reason });

/** Marks the mitigation failed with `summary` (nothing ran), edits the message and records the outcome. */
async function failWithoutRunning(deps: MitigationDeps, m: Mitigation, summary: string): Promise<ConfirmOutcome> {
  const failed = await deps.store.mitigations.update(m.id, { state: 'failed', result: { ok: false, summary, details: [], undo: null } });
  await refreshMessage(deps, failed);
  await recordStep(deps, failed, 'outcome', null, `Mitigation #${m.id} (${describeRequest(m)}) was not run: ${summary}`, { ok: false });
  return refused(failed, summary);
}

export async function confirm(deps: MitigationDeps, id: number, actor: Actor): Promise<ConfirmOutcome> {
  const m = await load(deps, id);
  if (!OPEN.includes(m.state)) return refused(m, `Mitigation #${id} is already ${m.state.replace('_', ' ')}.`);
  await requireAuthorized(deps, m, actor, 'confirm');
  const now = deps.clock.now();
  if (now.getTime() >= m.expiresAt.getTime()) {
    const expired = (await deps.store.mitigations.transition(id, OPEN, { state: 'expired' })) ?? m;
    await refreshMessage(deps, expired);
    await recordStep(deps, expired, 'expired', null, `Mitigation #${id} (${describeRequest(m)}) expired before it was confirmed.`);
    return refused(expired, `This preview expired at ${m.expiresAt.toISOString()}: ask for a new preview.`);
  }
  if (m.confirmations.some((c) => c.userId === actor.userId)) {
    return refused(m, `You already confirmed: a second, different person must confirm (${m.preview.secondConfirmationReason ?? 'two-person rule'}).`);
  }
  const confirmations = [...m.confirmations, { userId: actor.userId, at: now }];
  const needsSecond = m.preview.secondConfirmationReason !== null;
  if (needsSecond && m.confirmations.length === 0) {
    const waiting = await deps.store.mitigations.transition(id, ['pending'], { state: 'awaiting_second', confirmations });
    if (!waiting) return refused((await deps.store.mitigations.get(id)) ?? m, 'Someone else confirmed at the same time: look at the message again.');
    await refreshMessage(deps, waiting);
    await recordStep(deps, waiting, 'confirm-1', actor.userId, `<@${actor.userId}> confirmed ${describeRequest(m)}; a second person must confirm too (${m.preview.secondConfirmationReason}).`);
    return { mitigation: waiting, outcome: 'needs_second' };
  }
  const running = await deps.store.mitigations.transition(id, needsSecond ? ['awaiting_second'] : ['pending'], { state: 'running', confirmations });
  if (!running) return refused((await deps.store.mitigations.get(id)) ?? m, 'Someone else got there first: the mitigation is no longer waiting for confirmation.');
  const step = needsSecond ? 'confirm-2' : 'confirm-1';
  await recordStep(deps, running, step, actor.userId, `<@${actor.userId}> confirmed ${describeRequest(m)}.`);
  return run(deps, running);
}

async function run(deps: MitigationDeps, m: Mitigation): Promise<ConfirmOutcome> {
  let live: LiveState;
  try {
    live = await liveState(deps, m);
  } catch (err) {
    return failWithoutRunning(deps, m, clusterAdvice(m.request.cluster, err));
  }
  if (live.fingerprint !== m.preview.fingerprint) {
    return failWithoutRunning(deps, m, `the cluster changed since the preview (${describeChange(m.preview.fingerprint, live.fingerprint)}): ask for a new preview.`);
  }
  await refreshMessage(deps, m);
  const holder = { m };
  const result = await execute(deps, m, live, progressReporter(deps, holder));
  const done = await deps.store.mitigations.update(m.id, { state: result.ok ? 'succeeded' : 'failed', result });
  await refreshMessage(deps, done);
  const who = done.confirmations.map((c) => `<@${c.userId}>`).join(' and ');
  const text = `${result.ok ? 'Done' : 'Failed'}: ${describeRequest(m)}, asked by <@${m.requestedBy}>, confirmed by ${who}. ${result.summary}${result.undo ? ` Undo: \`${result.undo}\`` : ''}`;
  await recordStep(deps, done, 'outcome', null, text, {
    ok: result.ok,
    requestedBy: m.requestedBy,
    confirmedBy: done.confirmations.map((c) => c.userId),
    details: result.details,
    undo: result.undo,
  });
  return { mitigation: done, outcome: 'ran' };
}

export async function cancel(deps: MitigationDeps, id: number, actor: Actor): Promise<Mitigation> {
  const m = await load(deps, id);
  if (!OPEN.includes(m.state)) throw new DomainError('INVALID_TRANSITION', `Mitigation #${id} is already ${m.state.replace('_', ' ')}: there is nothing to cancel.`);
  if (actor.userId !== m.requestedBy) await requireAuthorized(deps, m, actor, 'cancel');
  const cancelled = await deps.store.mitigations.transition(id, OPEN, { state: 'cancelled' });
  if (!cancelled) throw new DomainError('CONFLICT', `Mitigation #${id} moved on meanwhile: it can no longer be cancelled.`);
  await refreshMessage(deps, cancelled);
  await recordStep(deps, cancelled, 'cancel', actor.userId, `<@${actor.userId}> cancelled ${describeRequest(m)}.`);
  return cancelled;
}
