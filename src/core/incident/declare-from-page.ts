/**
 * War rooms for pages triggered outside Warroom: declared at once (by the bot) or from the "Declare war room"
 * button, linked to the on-call incident so that nobody is paged a second time. One war room per on-call incident.
 */
import { DomainError } from '../errors.js';
import type { Urgency } from '../ports.js';
import type { Actor, DeclareResult } from './api.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import type { DeclareFn } from './declare.js';

/** What declaring from a page needs; travels in the button's value. */
export interface PageSource {
  externalId: string;
  number: number | null;
  title: string;
  /** The Warroom service the page's on-call service belongs to. */
  service: string;
  urgency: Urgency | null;
  link: string | null;
}

/** Slack's limit for a button value. */
export const DECLARE_VALUE_MAX = 2000;

interface Wire {
  v: 1;
  i: string;
  n: number | null;
  t: string;
  s: string;
  u: Urgency | null;
  l: string | null;
}

/** The button value: compact JSON, the title shortened until it fits in Slack's 2000 characters. */
export function encodeDeclareValue(source: PageSource): string {
  const wire: Wire = { v: 1, i: source.externalId, n: source.number, t: '', s: source.service, u: source.urgency, l: source.link };
  if (JSON.stringify(wire).length > DECLARE_VALUE_MAX) wire.l = null;
  let title = Array.from(source.title);
  let encoded = JSON.stringify({ ...wire, t: title.join('') });
  while (encoded.length > DECLARE_VALUE_MAX && title.length > 0) {
    title = title.slice(0, Math.max(0, title.length - Math.max(1, encoded.length - DECLARE_VALUE_MAX)));
    encoded = JSON.stringify({ ...wire, t: title.length < source.title.length ? `${title.join('')}…` : title.join('') });
  }
  return encoded;
}

export function decodeDeclareValue(value: string): PageSource {
  let wire: Partial<Wire> | null = null;
  try {
    wire = JSON.parse(value) as Partial<Wire>;
  } catch {
    wire = null;
  }
  if (!wire || wire.v !== 1 || typeof wire.i !== 'string' || typeof wire.s !== 'string' || typeof wire.t !== 'string') {
    throw new DomainError('BAD_INPUT', 'This button does not say which page to declare a war room for. Declare it with `/incident declare` instead.', { value: value.slice(0, 200) });
  }
  const urgency = wire.u === 'high' || wire.u === 'low' ? wire.u : null;
  return { externalId: wire.i, number: typeof wire.n === 'number' ? wire.n : null, title: wire.t, service: wire.s, urgency, link: typeof wire.l === 'string' ? wire.l : null };
}

/** The open war room already linked to this on-call incident, if any. */
export async function findLinkedWarRoom(deps: Pick<IncidentDeps, 'store'>, externalId: string): Promise<Incident | null> {
  return (await deps.store.incidents.listOpen()).find((incident) => incident.links.pagerdutyId === externalId) ?? null;
}

export type DeclareFromSource = (source: PageSource, actor: Actor, options?: { byBot?: boolean }) => Promise<DeclareResult>;

export function createDeclareFromSource(deps: IncidentDeps, declare: DeclareFn): DeclareFromSource {
  return async (source, actor, options = {}) => {
    const existing = await findLinkedWarRoom(deps, source.externalId);
    if (existing) return { incident: existing, created: false, problems: [] };
    const title = source.title.trim() || `On-call incident ${source.number ?? source.externalId}`;
    const links: Record<string, string> = { pagerdutyId: source.externalId };
    if (source.link) links.pagerduty = source.link;
    return declare({ title, severity: deps.settings.onCallTriggers.severity, service: source.service }, actor, {
      dedupeKey: `oncall:${source.externalId}`,
      links,
      // Declared by the bot, nobody commands yet: the declaration message asks someone to take it.
      declarerCommands: !options.byBot,
    });
  };
}

export function createDeclareFromPage(fromSource: DeclareFromSource): (value: string, actor: Actor) => Promise<DeclareResult> {
  return async (value, actor) => fromSource(decodeDeclareValue(value), actor);
}
