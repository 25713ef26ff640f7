/** The context-snapshot parts of warroom.yml: `context:` and each service's `context:`. */
import { z } from 'zod';
import { expected, orDefaults, strictMapping, text } from './fields.js';
import type { Problem } from './problems.js';
import { WINDOW_PLACEHOLDER } from './slo-window.js';

export const CONTEXT_DEFAULTS = { lookback_hours: 24, suspect_window_minutes: 30, rise_multiple: 3, source_timeout_ms: 5000 } as const;

const CONTEXT_QUERY_EXAMPLE = 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))';

/** A whole number in [min, max]; the message names the range and, past it, why. */
function intBetween(min: number, max: number, why: string) {
  const what = `a whole number from ${min} to ${max}`;
  return z
    .int({ error: expected(what) })
    .min(min, { error: (iss) => `expected ${what}, got ${String(iss.input)}` })
    .max(max, { error: (iss) => `expected ${what}, got ${String(iss.input)} (${why})` });
}

const riseMultiple = () => {
  const what = 'a number above 1, like 3';
  return z.number({ error: expected(what) }).gt(1, { error: (iss) => `expected ${what}, got ${String(iss.input)} (at 1 or below, normal traffic already counts as a rise)` });
};

/** The snapshot runs each query over 5m, 1h and yesterday's hour, so the range must be the placeholder. */
const windowQuery = () =>
  text('a PromQL query with {{.window}}').superRefine((value, ctx) => {
    if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'is empty: expected a PromQL query' });
    else if (!WINDOW_PLACEHOLDER.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `has no {{.window}} placeholder: the context snapshot runs it over 5m, 1h and the same hour yesterday, so the range must be {{.window}}, e.g. ${CONTEXT_QUERY_EXAMPLE}`,
      });
    }
  });

const nonEmpty = (what: string) => text(what).refine((v) => v.trim() !== '', { error: `is empty: expected ${what}, or null` });

/** A path inside the service's repository: relative, without `..`. */
const repositoryPath = () =>
  nonEmpty('a path in the repository like deploy/checkout/values.yaml').refine((v) => !v.startsWith('/') && !v.split('/').includes('..'), {
    error: (iss) => `expected a path relative to the repository root, like deploy/checkout/values.yaml, got ${JSON.stringify(iss.input)}`,
  });

export const contextSchema = orDefaults(
  strictMapping({
    lookback_hours: intBetween(1, 168, 'a week is the longest look-back').default(CONTEXT_DEFAULTS.lookback_hours),
    suspect_window_minutes: intBetween(1, 720, '12 hours is the longest suspect window').default(CONTEXT_DEFAULTS.suspect_window_minutes),
    rise_multiple: riseMultiple().default(CONTEXT_DEFAULTS.rise_multiple),
    source_timeout_ms: intBetween(100, 60_000, 'the snapshot must not wait longer than a minute for one source').default(CONTEXT_DEFAULTS.source_timeout_ms),
  }).default({ ...CONTEXT_DEFAULTS }),
);

/** Field a service entry gains for the context snapshot (merged into the service mapping in file-schema.ts). */
export const serviceContextShape = {
  context: strictMapping({
    error_query: windowQuery().nullable().default(null),
    total_query: windowQuery().nullable().default(null),
    latency_query: windowQuery().nullable().default(null),
    config_changes: strictMapping({
      prometheus_query: nonEmpty('a PromQL query whose value changes with the config (e.g. a config hash)').nullable().default(null),
      github_path: repositoryPath().nullable().default(null),
    })
      .nullable()
      .default(null),
  })
    .nullable()
    .default(null),
};

type Raw = Record<string, unknown>;
const record = (value: unknown): Raw => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const given = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * Rules across fields, read from the raw document (like release-checks.ts) so they report even when other parts
 * are malformed: error and total queries come in pairs; a GitHub config path needs the service's repository.
 */
export function contextCrossCheck(document: unknown): Problem[] {
  const problems: Problem[] = [];
  items(record(document).services).forEach((entry, i) => {
    const service = record(entry);
    const context = record(service.context);
    const at = `services[${i}].context`;
    const hasError = given(context.error_query);
    if (hasError !== given(context.total_query)) {
      const [missing, present] = hasError ? ['total_query', 'error_query'] : ['error_query', 'total_query'];
      problems.push({ path: `${at}.${missing}`, message: `required with ${present} (the error ratio is error_query / total_query; give both, or neither to use the service's first SLO)` });
    }
    if (given(record(context.config_changes).github_path) && !given(service.github_repository)) {
      problems.push({ path: `${at}.config_changes.github_path`, message: 'needs the service\'s github_repository: the path is looked up in that repository' });
    }
  });
  return problems;
}
