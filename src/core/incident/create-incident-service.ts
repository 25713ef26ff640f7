/** The incident core as the edges see it: one object per process, built from its ports. */
import type { Job } from '../ports.js';
import type { IncidentUseCases, TimelineCapture } from './api.js';
import type { IncidentDeps } from './incident-deps.js';
import { createAckDeadlineHandler as buildAckDeadlineHandler } from './ack-deadline.js';
import { createAssignRole } from './assign-role.js';
import { createChangeSeverity } from './change-severity.js';
import { createDeclare } from './declare.js';
import { createDeclareFromPage, createDeclareFromSource } from './declare-from-page.js';
import { createOnCall, createPage } from './manual-page.js';
import { createHandleOnCallWebhook } from './oncall-webhook.js';
import { requireByChannel } from './incident-context.js';
import { createAddNote, createPostUpdate } from './post-update.js';
import { createListOpen, createStatus, createTimelinePage } from './queries.js';
import { createReminderHandler as buildReminderHandler } from './reminder-jobs.js';
import { createRetryPage } from './retry-page.js';
import { createSnoozeReminder } from './snooze.js';
import { createTimelineCapture as buildTimelineCapture } from './timeline-capture.js';
import { createMarkMitigated, createResolve } from './transitions.js';

export type { IncidentDeps } from './incident-deps.js';
export { REMINDER_JOB_KIND } from './reminder-jobs.js';
export { ACK_DEADLINE_JOB_KIND } from './ack-deadline.js';

export function createIncidentUseCases(deps: IncidentDeps): IncidentUseCases {
  const declare = createDeclare(deps);
  const declareFromSource = createDeclareFromSource(deps, declare);
  return {
    declare: (input, actor) => declare(input, actor),
    requireByChannel: (channelId) => requireByChannel(deps, channelId),
    changeSeverity: createChangeSeverity(deps),
    assignRole: createAssignRole(deps),
    postUpdate: createPostUpdate(deps),
    addNote: createAddNote(deps),
    status: createStatus(deps),
    markMitigated: createMarkMitigated(deps),
    resolve: createResolve(deps),
    timeline: createTimelinePage(deps),
    listOpen: createListOpen(deps),
    snoozeReminder: createSnoozeReminder(deps),
    page: createPage(deps),
    onCall: createOnCall(deps),
    retryPage: createRetryPage(deps),
    handleOnCallWebhook: createHandleOnCallWebhook(deps, declareFromSource),
    declareFromPage: createDeclareFromPage(declareFromSource),
  };
}

export function createTimelineCapture(deps: IncidentDeps): TimelineCapture {
  return buildTimelineCapture(deps);
}

/** The handler for `incident.reminder` jobs, for the job runner's handler table. */
export function createReminderHandler(deps: IncidentDeps): (job: Job) => Promise<void> {
  return buildReminderHandler(deps);
}

/** The handler for `oncall.ack-deadline` jobs, for the job runner's handler table. */
export function createAckDeadlineHandler(deps: IncidentDeps): (job: Job) => Promise<void> {
  return buildAckDeadlineHandler(deps);
}
