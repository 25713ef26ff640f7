/**
 * The demo's records in PagerDuty's REST v2 shapes (schemas Incident, Oncall, User, Service, EscalationPolicy,
 * IncidentNote and Pagination in PagerDuty's OpenAPI description), with `self` pointing at the demo's API and
 * `html_url` at its own small pages.
 */
import type { DemoPagerDutyState, PdIncidentRecord, PdNoteRecord, PdUserRecord } from './state.js';

export type Json = Record<string, unknown>;

/** Default and largest page of PagerDuty's classic (offset) pagination. */
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

export interface PdWire {
  ref(kind: 'user' | 'service' | 'escalation_policy' | 'schedule', id: string, summary: string): Json;
  userRef(user: PdUserRecord): Json;
  user(user: PdUserRecord): Json;
  service(): Json;
  escalationPolicy(): Json;
  incident(incident: PdIncidentRecord): Json;
  note(note: PdNoteRecord): Json;
  oncall(user: PdUserRecord, includeUser: boolean, now: Date): Json;
  /** The incident as v3 webhooks carry it in `event.data`. */
  webhookIncident(incident: PdIncidentRecord): Json;
  incidentPageUrl(id: string): string;
}

const PATHS = { user: 'users', service: 'services', escalation_policy: 'escalation_policies', schedule: 'schedules' } as const;
const iso = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);

/** On-call shifts run 09:00 to 09:00 UTC: the one under way now. */
function shiftAround(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9));
  if (start > now) start.setUTCDate(start.getUTCDate() - 1);
  return { start, end: new Date(start.getTime() + 24 * 3600_000) };
}

export function createPdWire(baseUrl: string, state: DemoPagerDutyState): PdWire {
  const { service, policy, schedules } = state.directory;

  const ref: PdWire['ref'] = (kind, id, summary) => ({
    id,
    type: `${kind}_reference`,
    summary,
    self: `${baseUrl}/${PATHS[kind]}/${id}`,
    html_url: `${baseUrl}/web/${PATHS[kind]}/${id}`,
  });
  const userRef = (user: PdUserRecord) => ref('user', user.id, user.name);
  const serviceRef = () => ref('service', service.id, service.name);
  const policyRef = () => ref('escalation_policy', policy.id, policy.name);
  const usersOf = (ids: string[]) => ids.flatMap((id) => state.user(id) ?? []);
  const incidentPageUrl = (id: string) => `${baseUrl}/web/incidents/${id}`;

  const user = (u: PdUserRecord): Json => ({
    ...userRef(u),
    type: 'user',
    name: u.name,
    email: u.email,
    time_zone: 'Etc/UTC',
    color: 'purple',
    role: 'user',
    avatar_url: `${baseUrl}/web/avatar.png`,
    description: null,
    invitation_sent: false,
    job_title: u.level === null ? 'Automation' : 'Engineer',
    teams: [],
    contact_methods: [],
    notification_rules: [],
  });

  const incident = (i: PdIncidentRecord): Json => {
    const lastBy = i.lastChangeBy ? state.user(i.lastChangeBy) : undefined;
    return {
      id: i.id,
      type: 'incident',
      summary: `[#${i.number}] ${i.title}`,
      self: `${baseUrl}/incidents/${i.id}`,
      html_url: incidentPageUrl(i.id),
      incident_number: i.number,
      title: i.title,
      created_at: iso(i.createdAt),
      updated_at: iso(i.updatedAt),
      status: i.status,
      incident_key: i.incidentKey,
      service: serviceRef(),
      assigned_via: i.assignedVia,
      // PagerDuty empties assignments once an incident is resolved.
      assignments: i.status === 'resolved' ? [] : usersOf(i.assigneeIds).map((u) => ({ at: iso(i.updatedAt), assignee: userRef(u) })),
      acknowledgements: i.status === 'acknowledged' ? usersOf(i.acknowledgerIds).map((u) => ({ at: iso(i.updatedAt), acknowledger: userRef(u) })) : [],
      resolved_at: iso(i.resolvedAt),
      last_status_change_at: iso(i.updatedAt),
      last_status_change_by: lastBy ? userRef(lastBy) : serviceRef(),
      escalation_policy: policyRef(),
      teams: [],
      urgency: i.urgency,
      // No `body`: PagerDuty returns the details only on request (include[]=body), which the adapter never asks for.
    };
  };

  return {
    ref,
    userRef,
    user,
    service: () => ({
      ...serviceRef(),
      type: 'service',
      name: service.name,
      description: `The ${service.name} service (demo)`,
      status: 'active',
      escalation_policy: policyRef(),
      teams: [],
      incident_urgency_rule: { type: 'constant', urgency: 'high' },
      created_at: '2024-01-01T00:00:00Z',
    }),
    escalationPolicy: () => ({
      ...policyRef(),
      type: 'escalation_policy',
      name: policy.name,
      description: `Pages ${service.name}'s primary, then its secondary`,
      num_loops: 0,
      on_call_handoff_notifications: 'if_has_services',
      escalation_rules: schedules.map((s) => ({
        id: `PER000${s.level}`,
        escalation_delay_in_minutes: 15,
        targets: [ref('schedule', s.id, s.name)],
      })),
      services: [serviceRef()],
      teams: [],
    }),
    incident,
    note: (n) => {
      const by = state.user(n.userId);
      return {
        id: n.id,
        user: by ? userRef(by) : null,
        channel: { summary: 'The PagerDuty website or APIs' },
        content: n.content,
        created_at: iso(n.createdAt),
      };
    },
    oncall: (u, includeUser, now) => {
      const level = u.level ?? 1;
      const schedule = schedules.find((s) => s.level === level);
      const { start, end } = shiftAround(now);
      return {
        escalation_policy: policyRef(),
        escalation_level: level,
        schedule: schedule ? ref('schedule', schedule.id, schedule.name) : null,
        user: includeUser ? user(u) : userRef(u),
        start: iso(start),
        end: iso(end),
      };
    },
    webhookIncident: (i) => ({
      id: i.id,
      type: 'incident',
      self: `${baseUrl}/incidents/${i.id}`,
      html_url: incidentPageUrl(i.id),
      number: i.number,
      status: i.status,
      incident_key: i.incidentKey,
      created_at: iso(i.createdAt),
      title: i.title,
      service: serviceRef(),
      assignees: i.status === 'resolved' ? [] : usersOf(i.assigneeIds).map(userRef),
      escalation_policy: policyRef(),
      teams: [],
      priority: null,
      urgency: i.urgency,
      conference_bridge: null,
      resolve_reason: null,
    }),
    incidentPageUrl,
  };
}

/** One page of a list, in PagerDuty's classic pagination: `limit` (at most 100), `offset`, `more`, `total`. */
export function listPage(key: string, items: Json[], query: URLSearchParams): Json {
  const asked = Number(query.get('limit') ?? DEFAULT_LIMIT);
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_LIMIT) : DEFAULT_LIMIT;
  const skip = Number(query.get('offset') ?? 0);
  const offset = Number.isInteger(skip) && skip > 0 ? skip : 0;
  return {
    [key]: items.slice(offset, offset + limit),
    limit,
    offset,
    more: offset + limit < items.length,
    total: query.get('total') === 'true' ? items.length : null,
  };
}

export function errorBody(message: string, code: number, errors: string[] = []): Json {
  return { error: errors.length > 0 ? { message, code, errors } : { message, code } };
}
