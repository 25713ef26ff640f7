/**
 * Patience for a channel's ordered writes during a Slack outage. The Web API client already retries one call for about
 * 30 s; when it gives up with a failure that says "try later", the write is tried again inside its channel's lane
 * (backoff 1 s doubling to 30 s, jittered), so the channel's later writes wait behind it and keep their order.
 *
 * Duplicates: Slack has no idempotency key for chat.postMessage, so a post is resent only when the failure shows Slack
 * did not take it: a 429, a 5xx or ok:false `service_unavailable`, or a connection that never opened. After a timeout,
 * a dropped connection or ok:false `internal_error`/`fatal_error` the post may have landed; resending it every 30 s
 * for minutes of a slow Slack could post it many times over, so such a post fails as before (after the client's own
 * few retries). chat.update replaces the message as a whole, so resending it is always safe.
 *
 * One outage per lane: patience counts from the lane's first failure, not per write, so when Slack stays down the
 * writes queued behind get one attempt each instead of the whole patience each. A success ends the outage.
 */
import type { Logger } from '../../core/ports.js';
import { SlackApiError } from './slack-errors.js';

export interface OutageOptions {
  /** How long a lane keeps retrying from its first failure; default 10 minutes; 0 turns outage retries off. */
  patienceMs: number;
  /** First wait between attempts, doubling up to `maxDelayMs`; default 1 s. */
  minDelayMs: number;
  /** Longest wait; default 30 s. */
  maxDelayMs: number;
}

export const DEFAULT_OUTAGE: OutageOptions = { patienceMs: 10 * 60_000, minDelayMs: 1_000, maxDelayMs: 30_000 };

/** 'post' adds a message (a resend may duplicate it); 'replace' sets a message's whole content (a resend is harmless). */
export type WriteKind = 'post' | 'replace';

/** Connection failures that happen before the request is sent, so Slack cannot have acted on it. */
const NOT_SENT = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/;
/** ok:false codes where Slack says it did nothing; `internal_error` and `fatal_error` may have half-happened. */
const REFUSED_CODES = new Set(['ratelimited', 'rate_limited', 'service_unavailable']);
/** ok:false codes Slack calls transient, whose write may still have happened. */
const MAYBE_DONE_CODES = new Set(['internal_error', 'fatal_error', 'request_timeout']);

/** Whether to try `error` again during an outage, given whether resending the write could duplicate it. */
export function retryDuringOutage(error: SlackApiError, kind: WriteKind): boolean {
  if (!error.retryable) return false;
  if (REFUSED_CODES.has(error.code) || /^http_5\d\d$/.test(error.code)) return true;
  if (error.code === 'request_error' && NOT_SENT.test(error.reason)) return true;
  const maybeDone = error.code === 'timeout' || error.code === 'request_error' || MAYBE_DONE_CODES.has(error.code);
  return maybeDone && kind === 'replace';
}

/** Jittered exponential backoff: the n-th wait (from 0) is between half and all of min·2ⁿ, capped at max. */
export function outageDelay(attempt: number, options: OutageOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** "600 s", or "0.4 s" for the short patience of tests. */
function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

interface Outage {
  since: number;
  retries: number;
  /** Patience ran out: later writes get their one attempt, not another full wait. */
  exhausted: boolean;
}

export interface OutageWatch {
  /** Runs a lane's write, retrying it through an outage; the lane's order is the caller's (the pacer's) business. */
  write<T>(lane: string, method: string, kind: WriteKind, attempt: () => Promise<T>): Promise<T>;
  /** Lanes currently in an outage (for tests and diagnostics). */
  size(): number;
}

export interface OutageWatchDeps {
  options: OutageOptions;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Called before each outage retry, for metrics. */
  onRetry?: (method: string, error: string) => void;
}

export function createOutageWatch({ options, now, sleep, logger, onRetry }: OutageWatchDeps): OutageWatch {
  const outages = new Map<string, Outage>();

  const recovered = (lane: string, method: string): void => {
    const outage = outages.get(lane);
    if (!outage) return;
    outages.delete(lane);
    logger?.info({ channel: lane, method, outageMs: Math.round(now() - outage.since), retries: outage.retries }, 'slack writes resumed after an outage');
  };

  /**
   * The lane's outage, started (and warned about, once) on its first retryable failure. It dates from when that
   * attempt began, so the client's own retries (up to ~30 s) count towards the patience and the reported delay.
   */
  const outageFor = (lane: string, method: string, error: SlackApiError, attemptStarted: number): Outage => {
    let outage = outages.get(lane);
    if (!outage) {
      outage = { since: attemptStarted, retries: 0, exhausted: false };
      outages.set(lane, outage);
      logger?.warn(
        { channel: lane, method, error: error.code, patienceMs: options.patienceMs },
        'slack is failing: holding this channel’s messages in order and retrying',
      );
    }
    return outage;
  };

  const giveUp = (lane: string, method: string, error: SlackApiError, outage: Outage): SlackApiError => {
    if (!outage.exhausted) {
      outage.exhausted = true;
      logger?.error({ channel: lane, method, error: error.code, outageMs: Math.round(now() - outage.since), retries: outage.retries }, 'slack outage outlasted the patience: failing this channel’s writes until Slack answers');
    }
    return new SlackApiError(method, error.code, `${error.reason} (Slack failing for ${seconds(now() - outage.since)}, past the outage patience of ${seconds(options.patienceMs)})`, true, error.data);
  };

  return {
    async write<T>(lane: string, method: string, kind: WriteKind, attempt: () => Promise<T>): Promise<T> {
      for (let tries = 0; ; tries += 1) {
        const attemptStarted = now();
        try {
          const result = await attempt();
          recovered(lane, method);
          return result;
        } catch (err) {
          if (!(err instanceof SlackApiError) || options.patienceMs <= 0 || !retryDuringOutage(err, kind)) throw err;
          const outage = outageFor(lane, method, err, attemptStarted);
          const left = outage.since + options.patienceMs - now();
          if (outage.exhausted || left <= 0) throw giveUp(lane, method, err, outage);
          outage.retries += 1;
          onRetry?.(method, err.code);
          logger?.debug({ channel: lane, method, error: err.code, retries: outage.retries }, 'retrying slack write');
          await sleep(Math.min(outageDelay(tries, options), left));
        }
      }
    },
    size: () => outages.size,
  };
}
