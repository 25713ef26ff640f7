/** PAGERDUTY_* from the environment: the REST API key, the `From` user, the API host, the webhook secret. */
import type { Env } from './env.js';
import type { Problem } from './problems.js';

export interface PagerDutyEnv {
  token: string;
  /** Email of a PagerDuty user: the REST API requires it in `From` on every write. */
  from: string;
  /** https://api.pagerduty.com, or https://api.eu.pagerduty.com for EU accounts; http://127.0.0.1:PORT for a local stand-in. */
  apiUrl: string;
  /** Verifies X-PagerDuty-Signature on /webhooks/pagerduty; null disables the webhook route. */
  webhookSecret: string | null;
}

export const DEFAULT_PAGERDUTY_API_URL = 'https://api.pagerduty.com';
const NAMES = ['PAGERDUTY_TOKEN', 'PAGERDUTY_FROM', 'PAGERDUTY_API_URL', 'PAGERDUTY_WEBHOOK_SECRET'] as const;
const read = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

/** http is only for a stand-in on this machine (the playground's demo PagerDuty): the token must never cross a network in clear text. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function apiUrl(value: string | undefined, problems: Problem[]): string {
  if (value === undefined) return DEFAULT_PAGERDUTY_API_URL;
  try {
    const url = new URL(value);
    // @pagerduty/pdjs is given a host, or a full URL for a loopback stand-in: a path prefix cannot be honoured.
    const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
    const bare = (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password;
    if (allowed && bare) return `${url.protocol}//${url.host}`;
  } catch {
    // reported below
  }
  problems.push({
    path: 'env PAGERDUTY_API_URL',
    message: `expected an https URL of the API host, such as ${DEFAULT_PAGERDUTY_API_URL} or https://api.eu.pagerduty.com (http only for localhost, 127.0.0.1 or [::1]), got "${value}"`,
  });
  return DEFAULT_PAGERDUTY_API_URL;
}

/** null when PAGERDUTY_TOKEN is unset: paging then says PagerDuty is not configured. */
export function readPagerDutyEnv(env: Env, problems: Problem[]): PagerDutyEnv | null {
  const token = read(env, 'PAGERDUTY_TOKEN');
  if (!token) {
    for (const name of NAMES.slice(1)) {
      if (read(env, name)) problems.push({ path: `env ${name}`, message: 'is set but PAGERDUTY_TOKEN is not: create a REST API key in PagerDuty (Integrations → API Access Keys) and set PAGERDUTY_TOKEN, or unset this' });
    }
    return null;
  }
  const from = read(env, 'PAGERDUTY_FROM');
  if (!from || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(from)) {
    problems.push({ path: 'env PAGERDUTY_FROM', message: `${from ? `"${from}" is not an email` : 'missing'}: the email of a valid PagerDuty user, sent as From on every change (PagerDuty requires it)` });
  }
  return { token, from: from ?? '', apiUrl: apiUrl(read(env, 'PAGERDUTY_API_URL'), problems), webhookSecret: read(env, 'PAGERDUTY_WEBHOOK_SECRET') ?? null };
}
