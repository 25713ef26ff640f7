/** The incident core with a configured on-call fake and a job runner on the fake clock, for the paging tests. */
import type { OnCallWebhookEvent } from '../../../../src/core/ports.js';
import type { IncidentUseCases } from '../../../../src/core/incident/api.js';
import { ACK_DEADLINE_JOB_KIND, createAckDeadlineHandler, createIncidentUseCases, createReminderHandler, REMINDER_JOB_KIND } from '../../../../src/core/incident/create-incident-service.js';
import { createJobRunner } from '../../../../src/core/jobs/job-runner.js';
import { createRecordingOnCall, type RecordingOnCall } from '../../../support/fakes/fake-oncall.js';
import { createIncidentHarness, type IncidentHarness } from '../../../support/fakes/incident-harness.js';

export const alice = { userId: 'U0ALICE' };
export const bob = { userId: 'U0BOB' };

export interface OnCallHarness extends IncidentHarness {
  oncall: RecordingOnCall;
  incidents: IncidentUseCases;
  /** Runs the jobs due at the fake clock's now (acknowledgement deadlines and reminders). */
  runJobs(): Promise<number>;
  texts(channelId: string): string[];
  /** Messages posted in `channelId` whose text starts with `prefix` (the fake views start with the view's name). */
  posted(channelId: string, prefix: string): string[];
}

export function onCallHarness(options: Parameters<typeof createIncidentHarness>[0] = {}): OnCallHarness {
  const oncall = createRecordingOnCall();
  const h = createIncidentHarness({ oncall, ...options });
  const incidents = createIncidentUseCases(h.deps);
  const runner = createJobRunner({
    jobs: h.store.jobs,
    clock: h.clock,
    logger: h.logger,
    owner: 'test',
    leaseMs: 60_000,
    handlers: { [ACK_DEADLINE_JOB_KIND]: createAckDeadlineHandler(h.deps), [REMINDER_JOB_KIND]: createReminderHandler(h.deps) },
  });
  const texts = (channelId: string) => h.chat.messagesIn(channelId).map((m) => m.message.text);
  return {
    ...h,
    oncall,
    incidents,
    runJobs: () => runner.runDue(),
    texts,
    posted: (channelId, prefix) => texts(channelId).filter((t) => t.startsWith(prefix)),
  };
}

let eventCount = 0;

/** A webhook event shaped as the HTTP edge hands it over; `incident` fields may be overridden one by one. */
export function webhookEvent(
  type: string,
  incident: Partial<NonNullable<OnCallWebhookEvent['incident']>> = {},
  overrides: Partial<Omit<OnCallWebhookEvent, 'incident'>> = {},
): OnCallWebhookEvent {
  return {
    id: `EV${++eventCount}`,
    type,
    occurredAt: new Date('2026-03-02T14:03:00Z'),
    incident: {
      id: 'P1',
      number: 1234,
      title: 'Checkout returns 500',
      urgency: 'high',
      status: 'triggered',
      serviceId: 'PSVCCHECKOUT',
      serviceName: 'Checkout (PagerDuty)',
      htmlUrl: 'https://pd.example/incidents/P1',
      incidentKey: 'warroom-1',
      ...incident,
    },
    agent: { id: 'PUPRIMARY', name: 'Priya Primary', email: 'priya@example.com' },
    ...overrides,
  };
}
