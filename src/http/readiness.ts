import { describeError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface Readiness {
  check(): Promise<ReadinessReport>;
}

/**
 * Ready means the database answers and Slack accepted our token. The database is asked on every probe
 * (it is cheap); Slack's auth.test is remembered for `slackRecheckMs` so probes do not spend rate limit.
 */
export function createReadiness(options: {
  pingDatabase: () => Promise<void>;
  checkSlackAuth: () => Promise<void>;
  clock: Clock;
  slackRecheckMs?: number;
}): Readiness {
  const recheckMs = options.slackRecheckMs ?? 60_000;
  let slack: { ok: boolean; detail?: string; at: number } | null = null;

  async function checkSlack(): Promise<{ ok: boolean; detail?: string }> {
    const now = options.clock.now().getTime();
    if (slack && now - slack.at < recheckMs) return slack;
    try {
      await options.checkSlackAuth();
      slack = { ok: true, at: now };
    } catch (err) {
      slack = { ok: false, detail: describeError(err), at: now };
    }
    return slack;
  }

  async function checkDatabase(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await options.pingDatabase();
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: describeError(err) };
    }
  }

  return {
    async check() {
      const [database, slackAuth] = await Promise.all([checkDatabase(), checkSlack()]);
      const checks = { database, slack: { ok: slackAuth.ok, ...(slackAuth.detail ? { detail: slackAuth.detail } : {}) } };
      return { ready: database.ok && slackAuth.ok, checks };
    },
  };
}
