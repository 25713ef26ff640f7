/**
 * PagerDuty's failures as IntegrationErrors a person can act on: the HTTP status and PagerDuty's own message
 * (`error.message`, `error.errors[]`), or the transport failure. Also recognises the two 400s the adapter
 * treats as answers rather than failures: a duplicate incident_key and an incident that is already resolved.
 */
import { STATUS_CODES } from 'node:http';
import { IntegrationError } from '../../core/errors.js';

/** The port method that failed; also the label passed to `onCall`. */
export type PagerDutyOperation = 'pageForIncident' | 'whoIsOnCall' | 'setUrgency' | 'escalate' | 'addNote' | 'resolve' | 'pageTarget';

/** PagerDuty's generic error body: `{ error: { code, message, errors[] } }`. */
export interface PagerDutyErrorBody {
  code: number | null;
  message: string | null;
  errors: string[];
}

export interface PagerDutyErrorDetail {
  /** HTTP status, null for timeouts and network failures. */
  status: number | null;
  body: PagerDutyErrorBody | null;
  /** How long PagerDuty asked to wait after a 429 (Retry-After or ratelimit-reset), when it said. */
  retryAfterMs: number | null;
}

/** An IntegrationError that also says, in one word, how the call ended (for metrics), and what PagerDuty answered. */
export class PagerDutyError extends IntegrationError {
  constructor(
    operation: PagerDutyOperation,
    reason: string,
    retryable: boolean,
    readonly outcome: string,
    readonly detail: PagerDutyErrorDetail = { status: null, body: null, retryAfterMs: null },
  ) {
    super('pagerduty', operation, reason, retryable);
  }
}

export function errorBodyOf(data: unknown): PagerDutyErrorBody | null {
  if (typeof data !== 'object' || data === null) return null;
  const error = (data as { error?: unknown }).error;
  if (typeof error === 'string') return { code: null, message: error, errors: [] };
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, errors } = error as Record<string, unknown>;
  return {
    code: typeof code === 'number' ? code : null,
    message: typeof message === 'string' ? message : null,
    errors: Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [],
  };
}

function mentions(body: PagerDutyErrorBody | null, pattern: RegExp): boolean {
  if (!body) return false;
  return [body.message ?? '', ...body.errors].some((text) => pattern.test(text));
}

/** POST /incidents with the incident_key of an open incident on the same service: "Open incident with matching dedup key already exists on this service". */
export function isDuplicateIncidentKey(err: unknown): boolean {
  return err instanceof PagerDutyError && err.detail.status === 400 && mentions(err.detail.body, /(dedup|incident)[ _]key.*already exists/i);
}

/** PUT /incidents/{id} on a resolved incident: 400 with "Incident Already Resolved". */
export function isAlreadyResolved(err: unknown): boolean {
  return err instanceof PagerDutyError && err.detail.status === 400 && mentions(err.detail.body, /already resolved/i);
}

/** `401 Unauthorized: Invalid Authorization`, `400 Bad Request: Invalid Input Provided (Status must be …)`. */
export function httpReason(status: number, body: PagerDutyErrorBody | null): string {
  const statusText = STATUS_CODES[status] ?? 'HTTP error';
  const message = body?.message && body.message !== statusText ? `: ${body.message}` : '';
  const errors = body && body.errors.length > 0 ? ` (${body.errors.join('; ')})` : '';
  return `${status} ${statusText}${message}${errors}`;
}

export function httpError(operation: PagerDutyOperation, status: number, data: unknown, host: string, retryAfterMs: number | null, retries: number): PagerDutyError {
  const body = errorBodyOf(data);
  const detail = { status, body, retryAfterMs };
  if (status === 429) {
    const wait = retryAfterMs === null ? '' : `; PagerDuty asks to wait ${Math.ceil(retryAfterMs / 1000)} s`;
    const said = body?.message ? `: ${body.message}` : '';
    return new PagerDutyError(operation, `429 rate limited by ${host}${said} (still limited after ${retries} retries${wait})`, true, 'rate_limited', detail);
  }
  const what = body ? httpReason(status, body) : `${httpReason(status, null)} from ${host} without a PagerDuty error body`;
  return new PagerDutyError(operation, what, status >= 500, `http_${status}`, detail);
}

/** Milliseconds from Retry-After (seconds or an HTTP date) or PagerDuty's ratelimit-reset (seconds); null when absent. */
export function retryAfterMsOf(headers: { get(name: string): string | null } | undefined, now: number): number | null {
  const retryAfter = headers?.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = Number(headers?.get('ratelimit-reset') ?? NaN);
  return Number.isFinite(reset) ? Math.max(0, reset * 1000) : null;
}
