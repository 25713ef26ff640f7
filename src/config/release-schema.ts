/** The deploy-check parts of warroom.yml: `deploy:`, `slo_files:` and each service's SLOs and change defaults. */
import { z } from 'zod';
import { list, oneOf, orDefaults, positiveInt, slackId, strictMapping, text, timeZone } from './fields.js';
import { clock, freezeDate, nonNegativeInt, objective, percent, promQuery, sloWindow, type WEEKDAYS, weekday } from './release-fields.js';
import { DEFAULT_WINDOW } from './slo-window.js';

export const BLAST_RADII = ['namespace', 'multi-namespace', 'cluster'] as const;
export const REVERSIBILITIES = ['instant', 'fast', 'slow'] as const;
export const UNKNOWN_COUNTS_AS = ['REVIEW', 'BLOCKED'] as const;

const SLO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Business hours and the rest of the time-of-week dimension, in the deploy (or service) time zone. */
const businessHours = strictMapping({
  days: list(weekday()).min(1, { error: 'needs at least one day (mon … sun)' }).default(['mon', 'tue', 'wed', 'thu']),
  start: clock().default('09:00'),
  end: clock().default('17:00'),
});

/** What an absent `deploy:` section means; each field below repeats its own default for partial sections. */
const DEPLOY_DEFAULTS = {
  coverage: { low_at_least: 90, medium_at_least: 50 },
  business_hours: { days: ['mon', 'tue', 'wed', 'thu'] as (typeof WEEKDAYS)[number][], start: '09:00', end: '17:00' },
  friday_afternoon_from: '12:00',
  evening_end: '22:00',
  freeze_dates: [] as string[],
  min_events: 1000,
  stale_after_minutes: 10,
  unknown_counts_as: 'REVIEW' as const,
  approvers_group: null,
  query_concurrency: 8,
};

export const deploySchema = orDefaults(
  strictMapping({
    /** Absent means the top-level time_zone; resolved when mapping. */
    time_zone: timeZone().optional(),
    coverage: orDefaults(strictMapping({ low_at_least: percent().default(90), medium_at_least: percent().default(50) }).default({ ...DEPLOY_DEFAULTS.coverage })),
    business_hours: orDefaults(businessHours.default({ ...DEPLOY_DEFAULTS.business_hours })),
    friday_afternoon_from: clock().default('12:00'),
    evening_end: clock().default('22:00'),
    freeze_dates: orDefaults(list(freezeDate()).default([])),
    min_events: nonNegativeInt().default(1000),
    stale_after_minutes: positiveInt(false).default(10),
    unknown_counts_as: z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), oneOf(UNKNOWN_COUNTS_AS)).default('REVIEW'),
    approvers_group: slackId('group').nullable().default(null),
    query_concurrency: positiveInt(false).max(64, { error: 'at most 64: Prometheus queries are cheap one by one, not by the hundred' }).default(8),
  }).default({ ...DEPLOY_DEFAULTS }),
);

/** Exactly one of (error_query + total_query) or error_ratio_query: checked in release-checks.ts. */
const sli = strictMapping(
  { error_query: promQuery().optional(), total_query: promQuery().optional(), error_ratio_query: promQuery().optional() },
  'a mapping with error_query and total_query, or error_ratio_query',
);

const slo = strictMapping({
  name: text('an SLO name like availability').regex(SLO_NAME, { error: 'expected a short name like availability or latency-p99 (letters, digits, . _ -)' }),
  objective: objective(),
  window: sloWindow().default(DEFAULT_WINDOW),
  min_events: nonNegativeInt().nullable().default(null),
  sli,
});

/** Fields a service entry gains for deploy checks (merged into the service mapping in file-schema.ts). */
export const serviceReleaseShape = {
  time_zone: timeZone().nullable().default(null),
  deploy_defaults: orDefaults(
    strictMapping({
      blast_radius: oneOf(BLAST_RADII).default('namespace'),
      rollback: oneOf(REVERSIBILITIES).default('fast'),
      coverage: percent().nullable().default(null),
    }).default({ blast_radius: 'namespace', rollback: 'fast', coverage: null }),
  ),
  slos: orDefaults(list(slo).default([])),
};

/** A path (relative to the config file), or `{ path, default_window }` for files that carry no window (Sloth). */
const sloFile = z.preprocess(
  (value) => (typeof value === 'string' ? { path: value } : value),
  strictMapping({ path: text('a file path').min(1, { error: 'expected a file path' }), default_window: sloWindow().default(DEFAULT_WINDOW) }),
);

export const sloFilesSchema = orDefaults(list(sloFile).default([]));

export type SloFileEntry = z.output<typeof sloFile>;
