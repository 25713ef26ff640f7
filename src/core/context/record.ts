/** The snapshot and its suspects as timeline events, with what the postmortem needs (when errors rose, the top suspect). */
import { recordAction } from '../incident/effects.js';
import type { Incident } from '../incident/model.js';
import type { Clock, Store } from '../ports.js';
import type { Change, ContextSnapshot, Suspect } from './model.js';

const changeData = (c: Change) => ({ kind: c.kind, at: c.at.toISOString(), title: c.title, link: c.link, author: c.author, rollback: c.rollback });
const suspectData = (s: Suspect) => ({ ...changeData(s.change), rank: s.rank, minutesBeforeRise: s.minutesBeforeRise });

function suspectsText(snapshot: ContextSnapshot): string {
  const top = snapshot.suspects?.[0];
  const rose = snapshot.signals?.errorsRoseAt;
  if (!rose) return 'No suspects: no error rise found in the last 6 hours.';
  if (!top) return `Errors rose at ${rose.toISOString()}; no change landed shortly before.`;
  return `Errors rose at ${rose.toISOString()}; top suspect: ${top.change.title} (${top.minutesBeforeRise} min before).`;
}

export async function recordSnapshot(deps: { store: Store; clock: Clock }, incident: Incident, snapshot: ContextSnapshot, actor: string | null, messageTs: string | null): Promise<void> {
  const key = `act:context:${incident.id}:${snapshot.generatedAt.getTime()}`;
  const errorsRoseAt = snapshot.signals?.errorsRoseAt?.toISOString() ?? null;
  const top = snapshot.suspects?.[0] ?? null;
  await recordAction(deps, incident, {
    key,
    kind: 'bot_action',
    actor,
    occurredAt: snapshot.generatedAt,
    text: `Context snapshot: ${snapshot.changes?.length ?? 0} changes since ${snapshot.since.toISOString()}${snapshot.problems.length ? `, ${snapshot.problems.length} sources unavailable` : ''}.`,
    data: {
      action: 'context_snapshot',
      messageTs,
      service: snapshot.service,
      since: snapshot.since.toISOString(),
      errorsRoseAt,
      signals: snapshot.signals ? { errorRatio5m: snapshot.signals.errorRatio5m, errorRatio1h: snapshot.signals.errorRatio1h, errorRatio1hYesterday: snapshot.signals.errorRatio1hYesterday } : null,
      changes: (snapshot.changes ?? []).map(changeData),
      problems: snapshot.problems,
      topSuspect: top ? suspectData(top) : null,
    },
  });
  await recordAction(deps, incident, {
    key: `${key}:suspects`,
    kind: 'bot_action',
    actor,
    occurredAt: snapshot.generatedAt,
    text: suspectsText(snapshot),
    data: { action: 'context_suspects', errorsRoseAt, topSuspect: top ? suspectData(top) : null, suspects: (snapshot.suspects ?? []).map(suspectData) },
  });
}
