/**
 * The REST v2 endpoints the bot's PagerDuty adapter calls (src/integrations/pagerduty), plus the lists and lookups
 * around them a person might try by hand. Each route reads the request and answers `{ status, body }`; state
 * errors (PdInputError) are turned into PagerDuty's error body by the server.
 */
import { type DemoPagerDutyState, type IncidentChanges, notFound, PdInputError, type Urgency } from './state.js';
import { type Json, listPage, type PdWire } from './wire.js';

export interface PdRequest {
  query: URLSearchParams;
  body: unknown;
  /** The `From` header (required on writes). */
  from: string | undefined;
  params: string[];
  now: Date;
}

export interface PdAnswer {
  status: number;
  body: Json;
}

export interface PdRoute {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  /** Changes state: listeners are told after it answers 2xx. */
  writes: boolean;
  handle(state: DemoPagerDutyState, wire: PdWire, request: PdRequest): PdAnswer;
}

const invalid = (...errors: string[]) => new PdInputError(400, 'Invalid Input Provided', 2001, errors);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const ok = (body: Json, status = 200): PdAnswer => ({ status, body });
const idOf = (value: unknown): string | null => (isRecord(value) && typeof value.id === 'string' ? value.id : null);

function urgencyOf(value: unknown, fallback: Urgency | undefined): Urgency | undefined {
  if (value === undefined) return fallback;
  if (value === 'high' || value === 'low') return value;
  throw invalid('Urgency must be one of high, low');
}

/** `{ incident: { … } }` of a write, with the `type` PagerDuty insists on. */
function incidentInput(body: unknown, types: string[]): Record<string, unknown> {
  const incident = isRecord(body) ? body.incident : undefined;
  if (!isRecord(incident)) throw invalid('Incident is required');
  if (!types.includes(String(incident.type))) throw invalid(`Incident type must be ${types.join(' or ')}`);
  return incident;
}

const matches = (query: string | null, ...fields: string[]) => !query || fields.some((f) => f.toLowerCase().includes(query.toLowerCase()));

export const routes: PdRoute[] = [
  {
    method: 'GET',
    pattern: /^\/incidents$/,
    writes: false,
    handle: (state, wire, { query }) => {
      const key = query.get('incident_key');
      const services = query.getAll('service_ids[]');
      const statuses = query.getAll('statuses[]');
      // date_range=all or the default last month: the demo's incidents are all recent, so both mean everything.
      let incidents = state.incidents.filter(
        (i) => (!key || i.incidentKey === key) && (services.length === 0 || services.includes(state.directory.service.id)) && (statuses.length === 0 || statuses.includes(i.status)),
      );
      if (query.get('sort_by') === 'created_at:desc') incidents = [...incidents].reverse();
      return ok(listPage('incidents', incidents.map(wire.incident), query));
    },
  },
  {
    method: 'POST',
    pattern: /^\/incidents$/,
    writes: true,
    handle: (state, wire, { body, from, now }) => {
      state.requester(from);
      const input = incidentInput(body, ['incident']);
      if (typeof input.title !== 'string' || input.title.trim() === '') throw invalid('Title cannot be empty');
      const serviceId = idOf(input.service);
      if (!serviceId) throw invalid('Service is required');
      const details = isRecord(input.body) && typeof input.body.details === 'string' ? input.body.details : null;
      const assignments = Array.isArray(input.assignments) ? input.assignments : [];
      const created = state.createIncident(
        {
          title: input.title,
          details,
          serviceId,
          urgency: urgencyOf(input.urgency, 'high') ?? 'high',
          incidentKey: typeof input.incident_key === 'string' && input.incident_key !== '' ? input.incident_key : null,
          escalationPolicyId: idOf(input.escalation_policy),
          assigneeIds: assignments.flatMap((a) => idOf(isRecord(a) ? a.assignee : null) ?? []),
        },
        now,
      );
      return ok({ incident: wire.incident(created) }, 201);
    },
  },
  {
    method: 'GET',
    pattern: /^\/incidents\/([A-Za-z0-9]+)$/,
    writes: false,
    handle: (state, wire, { params }) => ok({ incident: wire.incident(state.incident(params[0] ?? '')) }),
  },
  {
    method: 'PUT',
    pattern: /^\/incidents\/([A-Za-z0-9]+)$/,
    writes: true,
    handle: (state, wire, { params, body, from, now }) => {
      const by = state.requester(from);
      const id = params[0] ?? '';
      state.incident(id); // 404 before 400, as PagerDuty answers
      const input = incidentInput(body, ['incident', 'incident_reference']);
      const changes: IncidentChanges = {};
      if (input.status !== undefined) {
        if (input.status !== 'acknowledged' && input.status !== 'resolved') throw invalid('Status must be one of acknowledged, resolved');
        changes.status = input.status;
      }
      const urgency = urgencyOf(input.urgency, undefined);
      if (urgency) changes.urgency = urgency;
      if (input.escalation_level !== undefined) {
        if (typeof input.escalation_level !== 'number') throw invalid('Escalation level must be a number');
        changes.escalationLevel = input.escalation_level;
      }
      return ok({ incident: wire.incident(state.updateIncident(id, changes, by, now)) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/incidents\/([A-Za-z0-9]+)\/notes$/,
    writes: false,
    handle: (state, wire, { params }) => ok({ notes: state.incident(params[0] ?? '').notes.map(wire.note) }),
  },
  {
    method: 'POST',
    pattern: /^\/incidents\/([A-Za-z0-9]+)\/notes$/,
    writes: true,
    handle: (state, wire, { params, body, from, now }) => {
      const by = state.requester(from);
      const id = params[0] ?? '';
      state.incident(id);
      const note = isRecord(body) ? body.note : undefined;
      if (!isRecord(note) || typeof note.content !== 'string') throw invalid('Note content is required');
      return ok({ note: wire.note(state.addNote(id, note.content, by, now)) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/oncalls$/,
    writes: false,
    handle: (state, wire, { query, now }) => {
      const policies = query.getAll('escalation_policy_ids[]');
      const users = query.getAll('user_ids[]');
      const includeUsers = query.getAll('include[]').includes('users');
      const onCall = state.users.filter((u) => u.level !== null && (users.length === 0 || users.includes(u.id)));
      const entries = policies.length === 0 || policies.includes(state.directory.policy.id) ? onCall : [];
      return ok(listPage('oncalls', entries.map((u) => wire.oncall(u, includeUsers, now)), query));
    },
  },
  {
    method: 'GET',
    pattern: /^\/users$/,
    writes: false,
    handle: (state, wire, { query }) => ok(listPage('users', state.users.filter((u) => matches(query.get('query'), u.name, u.email)).map(wire.user), query)),
  },
  {
    method: 'GET',
    pattern: /^\/users\/([A-Za-z0-9]+)$/,
    writes: false,
    handle: (state, wire, { params }) => {
      const user = state.user(params[0] ?? '');
      if (!user) throw notFound();
      return ok({ user: wire.user(user) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/services$/,
    writes: false,
    handle: (state, wire, { query }) => ok(listPage('services', matches(query.get('query'), state.directory.service.name) ? [wire.service()] : [], query)),
  },
  {
    method: 'GET',
    pattern: /^\/services\/([A-Za-z0-9]+)$/,
    writes: false,
    handle: (state, wire, { params }) => {
      if (params[0] !== state.directory.service.id) throw notFound();
      return ok({ service: wire.service() });
    },
  },
  {
    method: 'GET',
    pattern: /^\/escalation_policies$/,
    writes: false,
    handle: (state, wire, { query }) =>
      ok(listPage('escalation_policies', matches(query.get('query'), state.directory.policy.name) ? [wire.escalationPolicy()] : [], query)),
  },
  {
    method: 'GET',
    pattern: /^\/escalation_policies\/([A-Za-z0-9]+)$/,
    writes: false,
    handle: (state, wire, { params }) => {
      if (params[0] !== state.directory.policy.id) throw notFound();
      return ok({ escalation_policy: wire.escalationPolicy() });
    },
  },
];
