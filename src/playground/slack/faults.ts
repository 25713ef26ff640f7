/**
 * Fault injection and simulated latency for the fake Web API: per method, or for every Web API method with '*'.
 * Two kinds of faults: counted ones (`failNext`: the next N calls) and time windows (`failFor`: every call arriving
 * within the next ms, as in an outage). The response_url endpoint is not a Web API method and is never faulted.
 */
import { performance } from 'node:perf_hooks';

export interface FakeFault {
  /** HTTP status to answer with; 429 when retryAfterSeconds is given, else 200 (an `ok: false` answer). */
  status?: number;
  /** Slack error code for the body; default `ratelimited` for 429 and `internal_error` otherwise. */
  error?: string;
  /** Sends `Retry-After` (seconds) with a 429. */
  retryAfterSeconds?: number;
  /** How many consecutive calls fail; default 1. Ignored by `failFor`, where the window decides. */
  times?: number;
  /** More fields for the error body, e.g. `{ needed: 'chat:write' }` with missing_scope. */
  extra?: Record<string, unknown>;
}

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: { ok: false; error: string } & Record<string, unknown>;
}

export class FaultPlan {
  private readonly pending = new Map<string, { fault: FakeFault; remaining: number }[]>();
  private readonly windows = new Map<string, { fault: FakeFault; until: number }[]>();
  private readonly latency = new Map<string, number>();
  private globalLatencyMs: number;

  /** `now` is a monotonic clock in ms (tests of the plan itself may pass their own). */
  constructor(
    latencyMs = 0,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.globalLatencyMs = latencyMs;
  }

  failNext(method: string, fault: FakeFault): void {
    const queue = this.pending.get(method) ?? [];
    queue.push({ fault, remaining: fault.times ?? 1 });
    this.pending.set(method, queue);
  }

  /** Every call to `method` ('*' for any) arriving within the next `ms` answers with `fault`; later calls do not. */
  failFor(method: string, ms: number, fault: FakeFault): void {
    const list = this.windows.get(method) ?? [];
    list.push({ fault, until: this.now() + Math.max(0, ms) });
    this.windows.set(method, list);
  }

  /**
   * The fault for this call, if any: counted faults before windows (so a test can stack one special answer on an
   * outage), and within each kind the method's own before '*' ones. Windows that have ended are forgotten.
   */
  take(method: string): FaultAnswer | null {
    for (const key of [method, '*']) {
      const queue = this.pending.get(key);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return answer(head.fault);
    }
    const now = this.now();
    for (const key of [method, '*']) {
      const open = (this.windows.get(key) ?? []).filter((w) => w.until > now);
      if (open.length > 0) this.windows.set(key, open);
      else this.windows.delete(key);
      const first = open[0];
      if (first) return answer(first.fault);
    }
    return null;
  }

  setLatency(ms: number, method?: string): void {
    if (method === undefined) this.globalLatencyMs = ms;
    else this.latency.set(method, ms);
  }

  latencyFor(method: string): number {
    return this.latency.get(method) ?? this.globalLatencyMs;
  }

  clear(): void {
    this.pending.clear();
    this.windows.clear();
    this.latency.clear();
    this.globalLatencyMs = 0;
  }
}

function answer(fault: FakeFault): FaultAnswer {
  const status = fault.status ?? (fault.retryAfterSeconds !== undefined ? 429 : 200);
  const headers: Record<string, string> = {};
  if (status === 429) headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
  const error = fault.error ?? (status === 429 ? 'ratelimited' : 'internal_error');
  return { status, headers, body: { ...fault.extra, ok: false, error } };
}
