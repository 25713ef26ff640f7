/** What the incident core needs from configuration. The config loader produces exactly this shape. */

export type PagingPolicy = 'escalation_policy' | 'primary' | 'low_urgency' | 'none';

export interface SeverityPolicy {
  /** e.g. "SEV1"; compared case-insensitively. Order in the list is rank: first is most severe. */
  name: string;
  label: string;
  description: string;
  /** Minutes between status updates; null means no cadence (no reminders). */
  updateCadenceMinutes: number | null;
  freezesDeploys: boolean;
  postmortemRequired: boolean;
  /** Hours after resolution by which the postmortem is due; null when not required. */
  postmortemDueHours: number | null;
  page: PagingPolicy;
  /** Minutes on-call has to acknowledge a page; null when nobody is paged. */
  ackDeadlineMinutes: number | null;
}

export interface RoleDefinition {
  /** Stable key stored on the incident, e.g. "commander". */
  key: string;
  /** Words accepted in `/incident role <alias> @user`, e.g. ["ic", "commander"]. */
  aliases: string[];
  label: string;
}

export interface ServiceDefinition {
  name: string;
  /** Slack user group id (S…) whose members own the service and join its war rooms. */
  ownersGroup: string | null;
  /** Extra Slack user ids invited to this service's war rooms. */
  responders: string[];
  description: string;
  /** PagerDuty service (P…) that war rooms of this service page, and its escalation policy; null when not paged. */
  pagerDuty: { serviceId: string; escalationPolicyId: string | null } | null;
}

export interface IncidentSettings {
  severities: SeverityPolicy[];
  defaultSeverity: string;
  roles: RoleDefinition[];
  /** The role key that leads the incident; the declarer holds it until someone takes it. */
  commanderRole: string;
  services: ServiceDefinition[];
  /** Channel name pattern; `{date}` (YYYYMMDD), `{slug}` and `{id}` are replaced. */
  channelNamePattern: string;
  /** Channel id where incidents are announced; null to skip announcements. */
  announceChannel: string | null;
  /** Slack user group id whose members may run state-changing subcommands in any incident. */
  respondersGroup: string | null;
  /** Extra Slack user ids invited to every war room. */
  defaultResponders: string[];
  /** Reaction names (without colons) that mark a message as a key event. */
  keyEventReactions: string[];
  /** IANA time zone used to read `--started 13:52` and to show times. */
  timeZone: string;
  /** Minutes between repeated reminders while an update stays missing; null → the severity's cadence. */
  reminderRepeatMinutes: number | null;
  /** Minutes a Snooze postpones the next reminder. */
  snoozeMinutes: number;
  /** A second identical declaration by the same person within this many minutes resumes the first. */
  declareDedupeMinutes: number;
  /** What to do when PagerDuty reports an incident triggered outside Warroom on a configured service. */
  onCallTriggers: {
    /** Declare a war room at once for high-urgency pages (otherwise offer a "Declare war room" button). */
    autoDeclareHighUrgency: boolean;
    /** Severity of war rooms declared from a page. */
    severity: string;
  };
}
