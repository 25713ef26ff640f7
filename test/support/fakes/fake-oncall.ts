/**
 * OnCallPort stand-ins: not configured (the default of the harness), or a configured one that behaves like an
 * on-call system (one incident per dedup key, escalation policies with levels) and records every call.
 */
import { DomainError, IntegrationError } from '../../../src/core/errors.js';
import type { ManualPageRequest, OnCallEntry, OnCallPort, PageOutcome, PageRequest, Urgency } from '../../../src/core/ports.js';

export const ONCALL_NOT_CONFIGURED_DETAIL = 'PagerDuty is not configured: set PAGERDUTY_TOKEN and PAGERDUTY_FROM.';

export function createNotConfiguredOnCall(): OnCallPort {
  const refuse = async (): Promise<never> => {
    throw new DomainError('INTEGRATION_NOT_CONFIGURED', ONCALL_NOT_CONFIGURED_DETAIL);
  };
  return {
    status: () => ({ configured: false, detail: ONCALL_NOT_CONFIGURED_DETAIL }),
    pageForIncident: refuse,
    whoIsOnCall: refuse,
    escalationPolicyFor: () => null,
    setUrgency: refuse,
    escalate: refuse,
    addNote: refuse,
    resolve: refuse,
    pageTarget: refuse,
  };
}

/** Escalation policies of the recording fake, and the people on them (emails match the harness' Slack directory). */
export const TEST_POLICIES = { checkout: 'PEPCHECKOUT', default: 'PEPDEFAULT' } as const;

const until = new Date('2026-03-02T18:00:00Z');
const entry = (policy: string, level: number, id: string, name: string, email: string | null): OnCallEntry => ({
  level,
  person: { id, name, email },
  until,
  escalationPolicy: { id: policy, name: `${policy} policy` },
  schedule: { id: `S${level}`, name: `Level ${level} rotation` },
});

export function testOnCallSchedules(): Record<string, OnCallEntry[]> {
  return {
    [TEST_POLICIES.checkout]: [
      entry(TEST_POLICIES.checkout, 1, 'PUPRIMARY', 'Priya Primary', 'priya@example.com'),
      entry(TEST_POLICIES.checkout, 2, 'PUSECOND', 'Sam Second', 'sam@example.com'),
      entry(TEST_POLICIES.checkout, 3, 'PUNOSLACK', 'Nora NoSlack', 'nora@example.com'),
    ],
    [TEST_POLICIES.default]: [entry(TEST_POLICIES.default, 1, 'PUDANA', 'Dana Default', 'dana@example.com')],
  };
}

export type OnCallMethod = Exclude<keyof OnCallPort, 'status' | 'escalationPolicyFor'>;

export interface FakeOnCallIncident {
  id: string;
  dedupKey: string;
  title: string;
  urgency: Urgency;
  serviceId: string | null;
  status: 'triggered' | 'resolved';
  level: number;
}

export interface RecordingOnCall extends OnCallPort {
  configured: boolean;
  /** pageForIncident requests, in order (retries included). */
  pages: PageRequest[];
  manualPages: ManualPageRequest[];
  /** On-call incidents by dedup key: a second page with the same key lands on the same one. */
  incidents: Map<string, FakeOnCallIncident>;
  /** Escalation policy id → who is on call, per level. */
  schedules: Record<string, OnCallEntry[]>;
  defaultPolicyId: string | null;
  lookups: { escalationPolicyId: string; levels?: number[] }[];
  notes: { externalId: string; text: string }[];
  resolved: string[];
  escalations: { externalId: string; level: number }[];
  urgencyChanges: { externalId: string; urgency: Urgency }[];
  /** Makes `method` throw IntegrationError('pagerduty', …, reason): `times` times, or until heal when omitted. */
  failOn(method: OnCallMethod, reason?: string, options?: { times?: number }): void;
  heal(method?: OnCallMethod): void;
  byId(externalId: string): FakeOnCallIncident | undefined;
}

const urgencyOf = (request: PageRequest): Urgency => (request.policy.page === 'low_urgency' ? 'low' : 'high');

export function createRecordingOnCall(): RecordingOnCall {
  const failures = new Map<OnCallMethod, { reason: string; times: number }>();
  let manualCount = 0;
  const check = (method: OnCallMethod): void => {
    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times--;
      throw new IntegrationError('pagerduty', method, failure.reason);
    }
  };
  const known = (externalId: string): FakeOnCallIncident => {
    const found = oncall.byId(externalId);
    if (!found) throw new IntegrationError('pagerduty', 'incidents', `404 Incident Not Found ${externalId}`);
    return found;
  };
  const outcome = (incident: FakeOnCallIncident, escalationPolicyId: string | null): PageOutcome => ({
    paged: true,
    summary: `Paged ${incident.urgency} urgency: ${incident.title}`,
    link: `https://pd.example/incidents/${incident.id}`,
    externalId: incident.id,
    urgency: incident.urgency,
    escalationPolicyId,
  });

  const oncall: RecordingOnCall = {
    configured: true,
    pages: [],
    manualPages: [],
    incidents: new Map(),
    schedules: testOnCallSchedules(),
    defaultPolicyId: TEST_POLICIES.default,
    lookups: [],
    notes: [],
    resolved: [],
    escalations: [],
    urgencyChanges: [],
    failOn(method, reason = '500 Internal Server Error', options = {}) {
      failures.set(method, { reason, times: options.times ?? Number.POSITIVE_INFINITY });
    },
    heal(method) {
      if (method) failures.delete(method);
      else failures.clear();
    },
    byId: (externalId) => [...oncall.incidents.values()].find((i) => i.id === externalId),
    status: () => (oncall.configured ? { configured: true, detail: 'PagerDuty (test)' } : { configured: false, detail: ONCALL_NOT_CONFIGURED_DETAIL }),
    escalationPolicyFor: (service) => service?.pagerDuty?.escalationPolicyId ?? oncall.defaultPolicyId,
    async pageForIncident(request) {
      oncall.pages.push(structuredClone(request));
      check('pageForIncident');
      const dedupKey = `warroom-${request.incident.id}`;
      const incident = oncall.incidents.get(dedupKey) ?? {
        id: `P${request.incident.id}`,
        dedupKey,
        title: request.incident.title,
        urgency: urgencyOf(request),
        serviceId: request.service?.pagerDuty?.serviceId ?? null,
        status: 'triggered' as const,
        level: 1,
      };
      oncall.incidents.set(dedupKey, incident);
      return outcome(incident, oncall.escalationPolicyFor(request.service));
    },
    async pageTarget(request) {
      oncall.manualPages.push(structuredClone(request));
      check('pageTarget');
      const incident = oncall.incidents.get(request.dedupKey) ?? {
        id: `PM${++manualCount}`,
        dedupKey: request.dedupKey,
        title: request.title,
        urgency: 'high' as const,
        serviceId: null,
        status: 'triggered' as const,
        level: 1,
      };
      oncall.incidents.set(request.dedupKey, incident);
      const { target } = request;
      const policy = target.kind === 'escalation_policy' ? target.idOrName : target.kind === 'service' ? TEST_POLICIES.checkout : null;
      return outcome(incident, policy);
    },
    async whoIsOnCall(query) {
      oncall.lookups.push(structuredClone(query));
      check('whoIsOnCall');
      const entries = oncall.schedules[query.escalationPolicyId] ?? [];
      return structuredClone(query.levels ? entries.filter((e) => query.levels!.includes(e.level)) : entries);
    },
    async setUrgency(externalId, urgency) {
      check('setUrgency');
      known(externalId).urgency = urgency;
      oncall.urgencyChanges.push({ externalId, urgency });
    },
    async escalate(externalId, level) {
      check('escalate');
      known(externalId).level = level;
      oncall.escalations.push({ externalId, level });
    },
    async addNote(externalId, text) {
      check('addNote');
      known(externalId);
      oncall.notes.push({ externalId, text });
    },
    async resolve(externalId) {
      check('resolve');
      known(externalId).status = 'resolved';
      oncall.resolved.push(externalId);
    },
  };
  return oncall;
}
