/** The context snapshot message: Signals, Changes, People and state, Suspects; edited in place as sections arrive. */
import type { ContextSnapshot, SourceProblem } from '../../core/context/model.js';
import type { ChatMessage } from '../../core/ports.js';
import { actions, button, context, divider, header, message, section, sections, type Block } from '../blocks/kit.js';
import { escapeMrkdwn } from '../escape.js';
import type { TimeFormat } from '../format.js';
import { CONTEXT_ROLLBACK_ACTION_ID } from './action-ids.js';
import { changesText, MAX_SUSPECTS, peopleText, signalsText, suspectLine } from './sections.js';

const GATHERING = '_gathering…_';
const UNAVAILABLE = '_not available_';
const PROBLEM_ICON: Record<SourceProblem['kind'], string> = { not_configured: ':grey_question:', timeout: ':hourglass:', failed: ':warning:' };

function titled(title: string, body: string): Block[] {
  return sections(`*${title}*\n${body}`);
}

function suspectBlocks(snapshot: ContextSnapshot, time: TimeFormat): Block[] {
  if (!snapshot.suspects) return titled('Suspects', snapshot.complete ? UNAVAILABLE : GATHERING);
  const rose = snapshot.signals?.errorsRoseAt ?? null;
  if (!rose) return titled('Suspects', 'No error rise found, so no suspects.');
  if (snapshot.suspects.length === 0) return titled('Suspects', `No change landed shortly before errors rose at ${time.time(rose)}.`);
  const blocks: Block[] = [section('*Suspects*')];
  for (const suspect of snapshot.suspects.slice(0, MAX_SUSPECTS)) {
    blocks.push(section(suspectLine(suspect, time)));
    const rollback = suspect.change.rollback;
    if (suspect.change.kind === 'rollout' && rollback) {
      const value = JSON.stringify({ cluster: rollback.cluster, namespace: rollback.namespace, deployment: rollback.deployment, toRevision: rollback.toRevision });
      // A cut JSON value would be useless to the handler: no button rather than a broken one.
      if (value.length <= 2000) blocks.push(actions([button(`Roll back ${rollback.deployment}`, CONTEXT_ROLLBACK_ACTION_ID, value, 'danger')]));
    }
  }
  if (snapshot.suspects.length > MAX_SUSPECTS) blocks.push(context(`and ${snapshot.suspects.length - MAX_SUSPECTS} more`));
  return blocks;
}

export function snapshotMessage(snapshot: ContextSnapshot, time: TimeFormat): ChatMessage {
  const pending = (): string => (snapshot.complete ? UNAVAILABLE : GATHERING);
  const service = snapshot.service ? escapeMrkdwn(snapshot.service) : 'no service';
  const rose = snapshot.signals?.errorsRoseAt;
  const top = snapshot.suspects?.[0];
  const fallback = snapshot.complete
    ? `Context for ${service}${rose ? `: errors rose at ${time.time(rose)}` : ''}${top ? `; top suspect: ${escapeMrkdwn(top.change.title)}` : ''}`
    : `Gathering context for ${service}…`;
  const problems = snapshot.problems.map((p) => `${PROBLEM_ICON[p.kind]} ${escapeMrkdwn(p.message)}`);
  return message(fallback, [
    header(snapshot.complete ? `Context: ${snapshot.service ?? 'incident'}` : 'Gathering context…'),
    context(`Changes since ${time.dateTime(snapshot.since)} · as of ${time.time(snapshot.generatedAt)}`),
    ...titled('Signals', snapshot.signals ? signalsText(snapshot.signals, time) : pending()),
    ...titled('Changes', snapshot.changes ? changesText(snapshot.changes, snapshot.since, time) : pending()),
    ...titled('People and state', snapshot.people ? peopleText(snapshot.people, time) : pending()),
    divider(),
    ...suspectBlocks(snapshot, time),
    ...(problems.length ? sections(problems.join('\n')) : []),
  ]);
}
