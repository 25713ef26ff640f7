/** On-call people in Slack: who is on call, matched to Slack accounts by email, invited to the war room. */
import type { OnCallEntry, PagedResponder } from '../ports.js';
import type { IncidentDeps } from './incident-deps.js';

type PeopleDeps = Pick<IncidentDeps, 'chat' | 'logger'>;

/** The Slack user with this email, or null (no account, or the lookup failed: the name is shown instead). */
export async function slackUserFor(deps: PeopleDeps, email: string | null): Promise<string | null> {
  if (!email) return null;
  try {
    return await deps.chat.lookupUserByEmail(email);
  } catch (err) {
    deps.logger.warn({ err }, 'could not look up an on-call person in Slack by email');
    return null;
  }
}

/** Each entry with its Slack user id; one lookup per person even when they hold several levels. */
export async function withSlackUsers(deps: PeopleDeps, entries: readonly OnCallEntry[]): Promise<(OnCallEntry & { slackUserId: string | null })[]> {
  const byPerson = new Map<string, Promise<string | null>>();
  for (const entry of entries) {
    if (!byPerson.has(entry.person.id)) byPerson.set(entry.person.id, slackUserFor(deps, entry.person.email));
  }
  return Promise.all(entries.map(async (entry) => ({ ...entry, slackUserId: await byPerson.get(entry.person.id)! })));
}

/** Responders as the views show them, ordered by level; a person on several levels is listed once, at the first. */
export async function respondersOf(deps: PeopleDeps, entries: readonly OnCallEntry[]): Promise<PagedResponder[]> {
  const mapped = await withSlackUsers(deps, [...entries].sort((a, b) => a.level - b.level));
  const seen = new Set<string>();
  const responders: PagedResponder[] = [];
  for (const entry of mapped) {
    if (seen.has(entry.person.id)) continue;
    seen.add(entry.person.id);
    responders.push({ name: entry.person.name, slackUserId: entry.slackUserId, level: entry.level, until: entry.until });
  }
  return responders;
}

/** Who is on call for `escalationPolicyId` at `levels` (all when omitted), mapped to Slack. Throws when the lookup fails. */
export async function lookupResponders(deps: Pick<IncidentDeps, 'chat' | 'logger' | 'oncall'>, escalationPolicyId: string, levels?: number[]): Promise<PagedResponder[]> {
  const entries = await deps.oncall.whoIsOnCall(levels ? { escalationPolicyId, levels } : { escalationPolicyId });
  return respondersOf(deps, levels ? entries.filter((e) => levels.includes(e.level)) : entries);
}

/** Invites the responders who have a Slack account; returns whom it invited. */
export async function inviteResponders(deps: Pick<IncidentDeps, 'chat' | 'botUserId'>, channelId: string, responders: readonly PagedResponder[]): Promise<string[]> {
  const users = [...new Set(responders.map((r) => r.slackUserId).filter((u): u is string => !!u && u !== deps.botUserId))];
  if (users.length > 0) await deps.chat.invite(channelId, users);
  return users;
}

/** "Alice (level 1), Bob (level 2)", for timeline text and on-call notes. */
export function describeResponders(responders: readonly PagedResponder[]): string {
  if (responders.length === 0) return 'nobody on call was found';
  return responders.map((r) => (r.level === null ? r.name : `${r.name} (level ${r.level})`)).join(', ');
}

/** How a Warroom user is named in the on-call system, where a Slack id means nothing: their email when Slack shares it. */
export async function actorLabel(deps: PeopleDeps, userId: string): Promise<string> {
  try {
    return (await deps.chat.userEmail(userId)) ?? `Slack user ${userId}`;
  } catch (err) {
    deps.logger.warn({ err, userId }, 'could not look up a Slack user email');
    return `Slack user ${userId}`;
  }
}

/** Timeline data for responders (dates as ISO strings: the store keeps JSON). */
export function respondersData(responders: readonly PagedResponder[]): Record<string, unknown>[] {
  return responders.map((r) => ({ name: r.name, slackUserId: r.slackUserId, level: r.level, until: r.until?.toISOString() ?? null }));
}
