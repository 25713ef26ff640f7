/**
 * "What changed" for the postmortem, read back from the timeline: the context core records each snapshot as
 * `act:context:<incidentId>:<ms>` and its suspects as `…:<ms>:suspects` (data: `errorsRoseAt` ISO string or null,
 * `topSuspect` `{ kind, title, link, at }` or null); the mitigation core records `act:mitigation:<id>:outcome`.
 */
import type { ChangeKind } from '../context/model.js';
import type { Incident, TimelineEvent } from '../incident/model.js';
import type { Mitigation } from '../mitigation/model.js';
import type { PostmortemIssueInput } from '../ports.js';
import type { PostmortemDeps } from './deps.js';

export type PostmortemContext = NonNullable<PostmortemIssueInput['context']>;
type TopSuspect = NonNullable<PostmortemContext['topSuspect']>;

const CHANGE_KINDS: readonly ChangeKind[] = ['deploy_check', 'rollout', 'github_deployment', 'release', 'pull_request', 'config'];
const SNAPSHOT_KEY = /^act:context:(\d+):(\d+)(?::suspects)?$/;
const OUTCOME_KEY = /^act:mitigation:(\d+):outcome$/;

function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The stored `topSuspect`, or null when it is absent or not the agreed shape. */
function suspectOf(value: unknown): TopSuspect | null {
  if (value === null || typeof value !== 'object') return null;
  const s = value as Record<string, unknown>;
  const at = dateOf(s.at);
  if (!CHANGE_KINDS.includes(s.kind as ChangeKind) || typeof s.title !== 'string' || !at) return null;
  return { kind: s.kind as ChangeKind, title: s.title, link: typeof s.link === 'string' && s.link !== '' ? s.link : null, at };
}

/** The incident's context events, newest first (by the snapshot time in the key; suspects after their snapshot). */
export function contextEvents(timeline: readonly TimelineEvent[], incidentId: number): TimelineEvent[] {
  const ranked = timeline.flatMap((e) => {
    const match = e.kind === 'bot_action' && !e.deleted ? SNAPSHOT_KEY.exec(e.key) : null;
    return match && Number(match[1]) === incidentId ? [{ e, ms: Number(match[2]), suspects: e.key.endsWith(':suspects') ? 1 : 0 }] : [];
  });
  return ranked.sort((a, b) => b.ms - a.ms || b.suspects - a.suspects || b.e.id - a.e.id).map((r) => r.e);
}

/**
 * The newest value each field has. A later refresh that no longer sees the rise (it looks back 6 hours) must not
 * erase when errors rose, so events that carry null are passed over for an older one that knows.
 */
export function snapshotFacts(events: readonly TimelineEvent[]): { errorsRoseAt: Date | null; topSuspect: TopSuspect | null } {
  let errorsRoseAt: Date | null = null;
  let topSuspect: TopSuspect | null = null;
  for (const e of events) {
    errorsRoseAt ??= dateOf(e.data.errorsRoseAt);
    topSuspect ??= suspectOf(e.data.topSuspect);
  }
  return { errorsRoseAt, topSuspect };
}

/** The newest rollback of this incident that succeeded, from its outcome event. */
export function lastRollback(timeline: readonly TimelineEvent[]): { mitigationId: number; event: TimelineEvent } | null {
  const outcomes = timeline.flatMap((e) => {
    const match = e.kind === 'bot_action' ? OUTCOME_KEY.exec(e.key) : null;
    return match && e.data.kind === 'rollback' && e.data.ok === true ? [{ mitigationId: Number(match[1]), event: e }] : [];
  });
  return outcomes.sort((a, b) => b.event.occurredAt.getTime() - a.event.occurredAt.getTime() || b.event.id - a.event.id)[0] ?? null;
}

/** "checkout-api in shop on prod-us: revision 42 (registry/checkout:v242), rolled back to revision 41 (…)". */
export function describeRolledBack(m: Mitigation): string {
  const d = m.request.deployment;
  const where = `${d ? `${d.name}${d.namespace ? ` in ${d.namespace}` : ''}` : 'a deployment'} on ${m.request.cluster}`;
  const revision = m.preview.revision;
  if (!revision) return `${where} (mitigation #${m.id})`;
  const images = (list: string[]) => (list.length > 0 ? ` (${list.join(', ')})` : '');
  const from = revision.from !== null ? `revision ${revision.from}${images(revision.imagesFrom)}` : `the revision running${images(revision.imagesFrom)}`;
  return `${where}: ${from}, rolled back to revision ${revision.to}${images(revision.imagesTo)} (mitigation #${m.id})`;
}

async function rolledBackText(deps: Pick<PostmortemDeps, 'store' | 'logger'>, rollback: { mitigationId: number; event: TimelineEvent }): Promise<string> {
  try {
    const m = await deps.store.mitigations.get(rollback.mitigationId);
    if (m) return describeRolledBack(m);
  } catch (err) {
    deps.logger.warn({ err, mitigationId: rollback.mitigationId }, 'could not read the rollback for the postmortem');
  }
  const cluster = typeof rollback.event.data.cluster === 'string' ? ` on ${rollback.event.data.cluster}` : '';
  return `rollback${cluster} (mitigation #${rollback.mitigationId})`;
}

/** The postmortem's "What changed"; null when no snapshot was taken and nothing was rolled back. */
export async function postmortemContext(deps: Pick<PostmortemDeps, 'store' | 'logger'>, incident: Incident, timeline: readonly TimelineEvent[]): Promise<PostmortemContext | null> {
  const events = contextEvents(timeline, incident.id);
  const rollback = lastRollback(timeline);
  if (events.length === 0 && !rollback) return null;
  const { errorsRoseAt, topSuspect } = snapshotFacts(events);
  const toDetection = topSuspect ? incident.declaredAt.getTime() - topSuspect.at.getTime() : null;
  return {
    errorsRoseAt,
    topSuspect,
    rolledBack: rollback ? await rolledBackText(deps, rollback) : null,
    changeToDetectionMs: toDetection !== null && toDetection >= 0 ? toDetection : null,
  };
}
