/** Incident → the data templates see. Every key is always present (null when unknown): templates are strict. */
import type { Incident, IncidentState } from '../core/incident/model.js';
import type { RoleDefinition, SeverityPolicy } from '../core/incident/settings.js';

export interface ViewContext {
  roles: readonly RoleDefinition[];
  /** Optional: gives severity labels and ranks (raised/lowered). */
  severities?: readonly SeverityPolicy[];
  /** The role key that leads; defaults to `commander`. */
  commanderRole?: string;
}

const STATES: Record<IncidentState, { label: string; emoji: string }> = {
  investigating: { label: 'Investigating', emoji: ':red_circle:' },
  mitigated: { label: 'Mitigated', emoji: ':large_yellow_circle:' },
  resolved: { label: 'Resolved', emoji: ':large_green_circle:' },
  postmortem: { label: 'Postmortem', emoji: ':memo:' },
  closed: { label: 'Closed', emoji: ':white_check_mark:' },
};

export const stateLabel = (state: IncidentState): string => STATES[state].label;
export const stateEmoji = (state: IncidentState): string => STATES[state].emoji;

export function severityOf(ctx: ViewContext, name: string): SeverityPolicy | null {
  return ctx.severities?.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
}

/** Rank of a severity (0 = most severe), or null when the severity list is unknown. */
export function severityRank(ctx: ViewContext, name: string): number | null {
  const index = ctx.severities?.findIndex((s) => s.name.toLowerCase() === name.toLowerCase()) ?? -1;
  return index >= 0 ? index : null;
}

export function roleLabel(ctx: ViewContext, key: string): string {
  return ctx.roles.find((r) => r.key === key)?.label ?? key;
}

export function commanderOf(ctx: ViewContext, incident: Incident): string | null {
  return incident.roles[ctx.commanderRole ?? 'commander'] ?? null;
}

/** Origin of the MTTx clocks, as in the core: start of impact when known, else the declaration. */
const since = (incident: Incident, to: Date | null): number | null => (to ? to.getTime() - (incident.startedAt ?? incident.declaredAt).getTime() : null);

export function incidentModel(ctx: ViewContext, incident: Incident) {
  const severity = severityOf(ctx, incident.severity);
  const roleOrder = ctx.roles.map((r) => r.key);
  const assigned = Object.entries(incident.roles)
    .sort(([a], [b]) => (roleOrder.indexOf(a) + 1 || 99) - (roleOrder.indexOf(b) + 1 || 99))
    .map(([key, userId]) => ({ key, label: roleLabel(ctx, key), userId }));
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    severityLabel: severity?.label ?? null,
    severityDescription: severity?.description ?? null,
    state: incident.state,
    stateLabel: stateLabel(incident.state),
    stateEmoji: stateEmoji(incident.state),
    isOpen: incident.state === 'investigating' || incident.state === 'mitigated',
    service: incident.service,
    impact: incident.impact,
    isPrivate: incident.isPrivate,
    commander: commanderOf(ctx, incident),
    roles: assigned,
    channelId: incident.channelId,
    channelName: incident.channelName,
    declaredBy: incident.declaredBy,
    declaredAt: incident.declaredAt,
    startedAt: incident.startedAt,
    mitigatedAt: incident.mitigatedAt,
    resolvedAt: incident.resolvedAt,
    lastUpdateAt: incident.lastUpdateAt,
    lastUpdateText: incident.lastUpdateText,
    toDetect: incident.startedAt ? incident.declaredAt.getTime() - incident.startedAt.getTime() : null,
    toMitigate: since(incident, incident.mitigatedAt),
    toResolve: since(incident, incident.resolvedAt),
    links: Object.entries(incident.links).map(([name, url]) => ({ name, url })),
  };
}

export type IncidentModel = ReturnType<typeof incidentModel>;
