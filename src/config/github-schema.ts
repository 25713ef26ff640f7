/** The postmortem and follow-up parts of warroom.yml: `github:`, `postmortem:`, `review:` and services[].github_repository. */
import { Cron } from 'croner';
import { z } from 'zod';
import { expected, orDefaults, positiveInt, slackId, strictMapping, text } from './fields.js';

export const DEFAULT_DUE_DAYS = { P0: 14, P1: 28, P2: 56 } as const;
export const DEFAULT_REVIEW_CRON = '0 9 * * 1';
export const DEFAULT_TARGET_COMPLETION_PERCENT = 90;

/** GitHub's login rules: letters, digits and single inner hyphens, at most 39. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

const show = (input: unknown): string => (typeof input === 'string' ? JSON.stringify(input) : String(input));

export const repository = () =>
  text('a GitHub repository like acme/incidents').regex(REPOSITORY, {
    error: (iss) => `expected owner/name of a GitHub repository, like acme/incidents, got ${show(iss.input)} (not a URL)`,
  });

const login = () => text('a GitHub login like octocat').regex(LOGIN, { error: (iss) => `expected a GitHub login like octocat (without @), got ${show(iss.input)}` });

/** Slack user id → GitHub login; keys are checked here so each bad one gets its own path. */
const users = z.record(z.string(), login(), { error: expected('a mapping of Slack user IDs to GitHub logins (U0123456789: octocat)') }).superRefine((map, ctx) => {
  for (const key of Object.keys(map)) {
    if (!SLACK_USER.test(key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `expected a Slack user ID like U0123456789 as the key, got ${JSON.stringify(key)} (profile → ⋮ → Copy member ID)` });
    }
  }
});

export const githubSchema = orDefaults(
  strictMapping({
    central_repository: repository().nullable().default(null),
    users: orDefaults(users.default({})),
  }).default({ central_repository: null, users: {} }),
);

const days = (fallback: number) => positiveInt().default(fallback);

export const postmortemSchema = orDefaults(
  strictMapping({
    due_days: orDefaults(strictMapping({ P0: days(DEFAULT_DUE_DAYS.P0), P1: days(DEFAULT_DUE_DAYS.P1), P2: days(DEFAULT_DUE_DAYS.P2) }).default({ ...DEFAULT_DUE_DAYS })),
  }).default({ due_days: { ...DEFAULT_DUE_DAYS } }),
);

/** Whether croner accepts the pattern (paused: nothing is scheduled). */
export function isValidCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

const cron = () =>
  text('a cron expression like "0 9 * * 1"').refine(isValidCron, {
    error: (iss) => `expected a cron expression (minute hour day-of-month month day-of-week), like "0 9 * * 1" for Mondays 09:00, got ${show(iss.input)}`,
  });

const percent = () => {
  const what = 'a whole percentage from 1 to 100';
  return z.int({ error: expected(what) }).min(1, { error: (iss) => `expected ${what}, got ${String(iss.input)}` }).max(100, { error: (iss) => `expected ${what}, got ${String(iss.input)}` });
};

export const reviewSchema = orDefaults(
  strictMapping({
    cron: cron().default(DEFAULT_REVIEW_CRON),
    channel: slackId('channel').nullable().default(null),
    target_completion_percent: percent().default(DEFAULT_TARGET_COMPLETION_PERCENT),
  }).default({ cron: DEFAULT_REVIEW_CRON, channel: null, target_completion_percent: DEFAULT_TARGET_COMPLETION_PERCENT }),
);

/** Field a service entry gains for postmortems (merged into the service mapping in file-schema.ts). */
export const serviceGithubShape = {
  github_repository: repository().nullable().default(null),
};
