/**
 * The Slack side of a declaration. Each step checks what an earlier attempt already did, so a resumed
 * declaration finishes the job without a second channel, message, announcement or page.
 */
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import type { ServiceDefinition } from './settings.js';
import { channelName, withSuffix } from './channel-name.js';
import { problemSentence, recordProblems, runSteps, type Step } from './effects.js';
import { nextUpdateDue } from './reminders.js';
import { policyOf } from './severity.js';
import { compactDate } from './time.js';
import { pageOnCall, type PageAttempt } from './paging.js';

export const MAX_CHANNEL_NAME_ATTEMPTS = 20;

/** Creates the war room (adding `-2`, `-3` … on a name clash) and stores it at once. */
export async function ensureChannel(deps: IncidentDeps, incident: Incident): Promise<{ incident: Incident; problem: string | null }> {
  if (incident.channelId) return { incident, problem: null };
  const { settings, chat, store } = deps;
  const base = channelName({ pattern: settings.channelNamePattern, date: compactDate(incident.declaredAt, settings.timeZone), id: incident.id, title: incident.title });
  try {
    for (let n = 1; n <= MAX_CHANNEL_NAME_ATTEMPTS; n++) {
      const name = n === 1 ? base : withSuffix(base, n);
      const result = await chat.createChannel(name, { isPrivate: incident.isPrivate });
      if (!result.ok) continue;
      const stored = await store.incidents.update(incident.id, { channelId: result.id, channelName: result.name });
      // Messages people posted before the channel was known as this incident's join its timeline now.
      await store.timeline.adoptChannel(result.id, incident.id);
      return { incident: stored, problem: null };
    }
    const last = withSuffix(base, MAX_CHANNEL_NAME_ATTEMPTS);
    return {
      incident,
      problem: `Could not create the incident channel: the names ${base} through ${last} are all taken. Archive or rename old channels, or change the channel name pattern.`,
    };
  } catch (err) {
    return { incident, problem: problemSentence('create the incident channel', err) };
  }
}

/** Everyone who joins the war room: declarer, role holders, the service's owners and responders, default responders. */
async function inviteAll(deps: IncidentDeps, incident: Incident, service: ServiceDefinition | null, problems: string[]): Promise<void> {
  const users = [incident.declaredBy, ...Object.values(incident.roles), ...(service?.responders ?? []), ...deps.settings.defaultResponders];
  if (service?.ownersGroup) {
    try {
      users.push(...(await deps.chat.usersInGroup(service.ownersGroup)));
    } catch (err) {
      problems.push(problemSentence(`look up the owners of ${service.name} (user group ${service.ownersGroup})`, err));
    }
  }
  const unique = [...new Set(users)].filter((u) => u !== '' && u !== deps.botUserId);
  if (unique.length > 0) await deps.chat.invite(incident.channelId!, unique);
}

async function postDeclaration(deps: IncidentDeps, incident: Incident, problems: string[]): Promise<void> {
  const channelId = incident.channelId!;
  let ts = incident.declarationTs;
  if (!ts) {
    const policy = policyOf(deps.settings.severities, incident.severity);
    const message = deps.views.declaration(incident, { nextUpdateDue: nextUpdateDue(incident, policy), policy });
    ts = (await deps.chat.postMessage(channelId, message)).ts;
    await deps.store.incidents.update(incident.id, { declarationTs: ts });
  }
  try {
    await deps.chat.pinMessage(channelId, ts);
  } catch (err) {
    problems.push(problemSentence('pin the declaration message', err));
  }
}

async function announce(deps: IncidentDeps, incident: Incident): Promise<void> {
  const channel = deps.settings.announceChannel;
  if (!channel) return;
  if (incident.announcement) {
    await deps.chat.updateMessage(incident.announcement.channelId, incident.announcement.ts, deps.views.announcement(incident));
    return;
  }
  const posted = await deps.chat.postMessage(channel, deps.views.announcement(incident));
  await deps.store.incidents.update(incident.id, { announcement: { channelId: posted.channelId, ts: posted.ts } });
}

/**
 * Runs every independent declaration step concurrently. Returns the problems to report, and apart from them a
 * paging failure (already reported in the war room with a Retry button).
 */
export async function runDeclarationSteps(deps: IncidentDeps, incident: Incident, service: ServiceDefinition | null): Promise<{ problems: string[]; pageFailure: string | null }> {
  const problems: string[] = [];
  const steps: Step[] = [];
  if (incident.channelId) {
    const channelId = incident.channelId;
    steps.push(
      { description: 'set the channel topic', run: () => deps.chat.setTopic(channelId, deps.views.topic(incident)) },
      { description: 'set the channel purpose', run: () => deps.chat.setPurpose(channelId, deps.views.purpose(incident)) },
      { description: 'invite users to the channel', run: () => inviteAll(deps, incident, service, problems) },
      { description: 'post the declaration message', run: () => postDeclaration(deps, incident, problems) },
    );
  }
  steps.push({ description: 'announce the incident', run: () => announce(deps, incident) });
  const slack = runSteps(steps);
  // The page goes out at once; who was paged is posted once the declaration message is there.
  const paged: { attempt: PageAttempt } = { attempt: { failure: null, problems: [] } };
  const policy = policyOf(deps.settings.severities, incident.severity);
  const paging = runSteps([
    {
      description: 'page on-call',
      run: async () => {
        paged.attempt = await pageOnCall(deps, incident, policy, incident.declaredBy, { after: slack });
      },
    },
  ]);
  const [slackProblems, pagingProblems] = await Promise.all([slack, paging]);
  problems.push(...slackProblems, ...pagingProblems, ...paged.attempt.problems);
  return { problems, pageFailure: paged.attempt.failure };
}

/** Problems go on the timeline, into the war room and to the declarer; failing to report them is only logged. */
export async function reportProblems(deps: IncidentDeps, incident: Incident, problems: readonly string[]): Promise<void> {
  await recordProblems(deps, incident, 'declare', problems);
  const message = deps.views.problems(incident, [...problems]);
  const deliveries: Promise<unknown>[] = [];
  // A war room declared from a page is declared by the bot, which cannot message itself.
  if (incident.declaredBy !== deps.botUserId) deliveries.push(deps.chat.sendDirectMessage(incident.declaredBy, message));
  if (incident.channelId) deliveries.push(deps.chat.postMessage(incident.channelId, message));
  const results = await Promise.allSettled(deliveries);
  for (const result of results) {
    if (result.status === 'rejected') deps.logger.error({ err: result.reason, incidentId: incident.id }, 'could not report declaration problems');
  }
}
