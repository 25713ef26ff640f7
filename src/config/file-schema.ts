/** The shape of warroom.yml (snake_case, strict). Cross-field rules live in cross-checks.ts. */
import type { z } from 'zod';
import { contextSchema, serviceContextShape } from './context-schema.js';
import { bool, list, oneOf, orDefaults, positiveInt, positiveIntOrNull, slackId, strictMapping, text, timeZone } from './fields.js';
import { githubSchema, postmortemSchema, reviewSchema, serviceGithubShape } from './github-schema.js';
import { clustersSchema, mitigationSchema, serviceKubernetesShape } from './mitigation-schema.js';
import { deploySchema, serviceReleaseShape, sloFilesSchema } from './release-schema.js';

const PAGING = ['escalation_policy', 'primary', 'low_urgency', 'none'] as const;
const SEVERITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;
const SLUG = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const WORD = /^[a-z0-9][a-z0-9_-]{0,29}$/;

const channelNamePattern = text('a channel name pattern like inc-{date}-{slug}').superRefine((pattern, ctx) => {
  const placeholders = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
  for (const name of placeholders) {
    if (!['date', 'slug', 'id'].includes(name)) ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}} (use {date}, {slug} or {id})` });
  }
  if (!placeholders.includes('slug') && !placeholders.includes('id')) {
    ctx.addIssue({ code: 'custom', message: 'must contain {slug} or {id}, or every incident would get the same channel name' });
  }
  const literal = pattern.replace(/\{[^}]*\}/g, '');
  if (!/^[a-z0-9_-]*$/.test(literal)) {
    ctx.addIssue({ code: 'custom', message: 'outside placeholders only lowercase letters, digits, - and _ are allowed (Slack channel name rules)' });
  }
});

const severity = strictMapping({
  name: text('a severity name like SEV1').regex(SEVERITY_NAME, { error: 'expected a short name without spaces, like SEV1 (people type it in /incident sev)' }),
  label: text('a label like critical'),
  description: text().default(''),
  update_cadence_minutes: positiveIntOrNull().default(null),
  freezes_deploys: bool().default(false),
  postmortem: strictMapping({
    required: bool().default(false),
    due_hours: positiveIntOrNull().default(null),
  }).default({ required: false, due_hours: null }),
  page: oneOf(PAGING).default('none'),
  ack_deadline_minutes: positiveIntOrNull().default(null),
});

const role = strictMapping({
  key: text('a role key like commander').regex(WORD, { error: 'expected a lowercase key like commander (letters, digits, - and _)' }),
  label: text('a label like Incident commander'),
  aliases: list(text().regex(WORD, { error: 'expected one lowercase word people type in /incident role <alias> @user, like ic' })).default([]),
});

/** PagerDuty object ids: P followed by upper-case letters and digits. */
const pagerDutyId = (what: string) => text(`a PagerDuty ${what} id like PABC123`).regex(/^P[A-Z0-9]{5,}$/, { error: `expected a PagerDuty ${what} id like PABC123 (from its URL in PagerDuty)` });

const service = strictMapping({
  name: text('a service name like checkout').regex(SLUG, { error: 'expected a lowercase slug like checkout or payments-api (letters, digits, - and _; people type it in --service)' }),
  description: text().default(''),
  owners_group: slackId('group').nullable().default(null),
  responders: list(slackId('user')).default([]),
  pagerduty: strictMapping({
    service_id: pagerDutyId('service'),
    escalation_policy_id: pagerDutyId('escalation policy').nullable().default(null),
  }).nullable().default(null),
  ...serviceReleaseShape,
  ...serviceKubernetesShape,
  ...serviceGithubShape,
  ...serviceContextShape,
});

export const fileSchema = strictMapping({
  time_zone: timeZone().default('UTC'),
  templates_dir: text('a directory path').nullable().default(null),
  slack: orDefaults(strictMapping({
    announce_channel: slackId('channel').nullable().default(null),
    responders_group: slackId('group').nullable().default(null),
    default_responders: list(slackId('user')).default([]),
    channel_name_pattern: channelNamePattern.default('inc-{date}-{slug}'),
    key_event_reactions: list(
      text('a reaction name like pushpin').regex(/^[a-z0-9_+'-]+$/, { error: 'expected an emoji name without colons, like pushpin' }),
    ).default(['pushpin']),
  }).default({ announce_channel: null, responders_group: null, default_responders: [], channel_name_pattern: 'inc-{date}-{slug}', key_event_reactions: ['pushpin'] })),
  incidents: orDefaults(strictMapping({
    default_severity: text('a severity name').optional(),
    reminder_repeat_minutes: positiveIntOrNull().default(null),
    snooze_minutes: positiveInt(false).default(15),
    declare_dedupe_minutes: positiveInt(false).default(15),
    commander_role: text('a role key').optional(),
    severities: list(severity).min(1, { error: 'needs at least one severity (or leave the key out for the SEV1–SEV4 defaults)' }).optional(),
    roles: list(role).min(1, { error: 'needs at least one role (or leave the key out for the defaults)' }).optional(),
  }).default({ reminder_repeat_minutes: null, snooze_minutes: 15, declare_dedupe_minutes: 15 })),
  services: orDefaults(list(service).default([])),
  pagerduty: orDefaults(strictMapping({
    default_service_id: pagerDutyId('service').nullable().default(null),
    auto_declare_high_urgency: bool().default(false),
    declared_severity: text('a severity name').default('SEV2'),
  }).default({ default_service_id: null, auto_declare_high_urgency: false, declared_severity: 'SEV2' })),
  deploy: deploySchema,
  slo_files: sloFilesSchema,
  clusters: clustersSchema,
  mitigation: mitigationSchema,
  github: githubSchema,
  postmortem: postmortemSchema,
  review: reviewSchema,
  context: contextSchema,
  jobs: orDefaults(strictMapping({
    poll_interval_ms: positiveInt(false).default(1000),
    lease_ms: positiveInt(false).default(60_000),
  }).default({ poll_interval_ms: 1000, lease_ms: 60_000 })),
});

export type FileConfig = z.output<typeof fileSchema>;
