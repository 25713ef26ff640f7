/**
 * The demo PagerDuty account in memory: one service, its two-level escalation policy, the people on call, and the
 * incidents the bot opens. Operations enforce the rules the adapter relies on (an open incident_key is unique per
 * service, a resolved incident refuses changes, escalation levels exist) and throw PdInputError with PagerDuty's
 * own error wording, which the routes send as the answer.
 */

export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';
export type Urgency = 'high' | 'low';

export interface PdUserRecord {
  id: string;
  name: string;
  email: string;
  /** Escalation level this person is on call for; null for users who are not on call (the bot's From user). */
  level: number | null;
}

export interface PdNoteRecord {
  id: string;
  userId: string;
  content: string;
  createdAt: Date;
}

export interface PdIncidentRecord {
  id: string;
  number: number;
  title: string;
  details: string | null;
  status: IncidentStatus;
  urgency: Urgency;
  incidentKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  escalationLevel: number;
  assignedVia: 'escalation_policy' | 'direct_assignment';
  assigneeIds: string[];
  acknowledgerIds: string[];
  /** Who made the last status change: a user id, or null for the service (the API trigger). */
  lastChangeBy: string | null;
  notes: PdNoteRecord[];
}

export interface PdDirectory {
  service: { id: string; name: string };
  policy: { id: string; name: string; levels: number };
  schedules: { id: string; name: string; level: number }[];
}

/** PagerDuty's generic error body (`{ error: { message, code, errors } }`) with its HTTP status. */
export class PdInputError extends Error {
  constructor(
    readonly status: number,
    readonly pdMessage: string,
    readonly code: number,
    readonly errors: string[] = [],
  ) {
    super(`${status} ${pdMessage}${errors.length ? `: ${errors.join('; ')}` : ''}`);
    this.name = 'PdInputError';
  }
}

const invalid = (...errors: string[]) => new PdInputError(400, 'Invalid Input Provided', 2001, errors);
export const notFound = () => new PdInputError(404, 'Not Found', 2100);

export interface NewIncidentInput {
  title: string;
  details: string | null;
  serviceId: string;
  urgency: Urgency;
  incidentKey: string | null;
  escalationPolicyId: string | null;
  assigneeIds: string[];
}

export interface IncidentChanges {
  status?: 'acknowledged' | 'resolved';
  urgency?: Urgency;
  escalationLevel?: number;
}

/** `PIN0001`: shaped like PagerDuty's ids (P + 6 capitals or digits), which the bot's config checks. */
const pdId = (prefix: string, n: number) => `${prefix}${String(n).padStart(7 - prefix.length, '0')}`;

export class DemoPagerDutyState {
  readonly users: PdUserRecord[];
  readonly incidents: PdIncidentRecord[] = [];
  private nextIncident = 1;
  private nextNote = 1;

  constructor(
    readonly directory: PdDirectory,
    people: { name: string; email: string; level: number }[],
  ) {
    this.users = people.map((p, i) => ({ id: pdId('PUSR', i + 1), name: p.name, email: p.email, level: p.level }));
  }

  user(id: string): PdUserRecord | undefined {
    return this.users.find((u) => u.id === id);
  }

  userByEmail(email: string): PdUserRecord | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === wanted);
  }

  onCallAt(level: number): PdUserRecord[] {
    return this.users.filter((u) => u.level === level);
  }

  incident(id: string): PdIncidentRecord {
    const found = this.incidents.find((i) => i.id === id);
    if (!found) throw notFound();
    return found;
  }

  /**
   * The user behind a write's `From` header. PagerDuty requires one that is a user of the account; the demo
   * enrols an unknown address (the bot's PAGERDUTY_FROM) instead of refusing it, so no extra setup is needed.
   */
  requester(from: string | undefined): PdUserRecord {
    if (!from || !/^[^@\s]+@[^@\s]+$/.test(from.trim())) throw invalid('A valid user email must be supplied in the From header');
    const known = this.userByEmail(from);
    if (known) return known;
    const email = from.trim();
    const user: PdUserRecord = { id: pdId('PUSR', 900 + this.users.length), name: email.split('@')[0] ?? email, email, level: null };
    this.users.push(user);
    return user;
  }

  createIncident(input: NewIncidentInput, now: Date): PdIncidentRecord {
    const { service, policy } = this.directory;
    if (input.serviceId !== service.id) throw invalid('Service not found');
    if (input.escalationPolicyId && input.assigneeIds.length > 0) throw invalid('Assignments and escalation policy cannot both be specified');
    if (input.escalationPolicyId && input.escalationPolicyId !== policy.id) throw invalid('Escalation Policy not found');
    for (const id of input.assigneeIds) if (!this.user(id)) throw invalid(`Assignee ${id} not found`);
    if (input.incidentKey && this.incidents.some((i) => i.incidentKey === input.incidentKey && i.status !== 'resolved')) {
      throw invalid('Open incident with matching dedup key already exists on this service');
    }
    const direct = input.assigneeIds.length > 0;
    const incident: PdIncidentRecord = {
      id: pdId('PIN', this.nextIncident),
      number: this.nextIncident,
      title: input.title,
      details: input.details,
      status: 'triggered',
      urgency: input.urgency,
      incidentKey: input.incidentKey,
      createdAt: now,
      updatedAt: now,
      resolvedAt: null,
      escalationLevel: 1,
      assignedVia: direct ? 'direct_assignment' : 'escalation_policy',
      assigneeIds: direct ? [...input.assigneeIds] : this.onCallAt(1).map((u) => u.id),
      acknowledgerIds: [],
      lastChangeBy: null,
      notes: [],
    };
    this.nextIncident += 1;
    this.incidents.push(incident);
    return incident;
  }

  updateIncident(id: string, changes: IncidentChanges, by: PdUserRecord, now: Date): PdIncidentRecord {
    const incident = this.incident(id);
    if (incident.status === 'resolved') throw invalid('Incident Already Resolved');
    const levels = this.directory.policy.levels;
    if (changes.escalationLevel !== undefined) {
      if (!Number.isInteger(changes.escalationLevel) || changes.escalationLevel < 1 || changes.escalationLevel > levels) {
        throw invalid(`Escalation level must be between 1 and ${levels}`);
      }
      // Escalating hands the incident to that level's people and triggers it again, as PagerDuty does.
      incident.escalationLevel = changes.escalationLevel;
      incident.assignedVia = 'escalation_policy';
      incident.assigneeIds = this.onCallAt(changes.escalationLevel).map((u) => u.id);
      incident.status = 'triggered';
      incident.lastChangeBy = by.id;
    }
    if (changes.urgency) incident.urgency = changes.urgency;
    if (changes.status) this.setStatus(incident, changes.status, by, now);
    incident.updatedAt = now;
    return incident;
  }

  /** What a responder does in PagerDuty's app; refuses a resolved incident like PagerDuty. */
  setStatus(incident: PdIncidentRecord, status: 'acknowledged' | 'resolved', by: PdUserRecord, now: Date): void {
    if (incident.status === 'resolved') throw invalid('Incident Already Resolved');
    incident.status = status;
    incident.lastChangeBy = by.id;
    incident.updatedAt = now;
    if (status === 'acknowledged' && !incident.acknowledgerIds.includes(by.id)) incident.acknowledgerIds.push(by.id);
    if (status === 'resolved') incident.resolvedAt = now;
  }

  addNote(id: string, content: string, by: PdUserRecord, now: Date): PdNoteRecord {
    const incident = this.incident(id);
    if (content.trim() === '') throw invalid('Note content cannot be empty');
    const note: PdNoteRecord = { id: pdId('PNT', this.nextNote), userId: by.id, content, createdAt: now };
    this.nextNote += 1;
    incident.notes.push(note);
    incident.updatedAt = now;
    return note;
  }
}
