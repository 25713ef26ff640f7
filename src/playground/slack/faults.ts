/** Fault injection and simulated latency for the fake Web API: per method, or for every method with '*'. */
export interface FakeFault {
  /** HTTP status to answer with; 429 when retryAfterSeconds is given, else 200 (an `ok: false` answer). */
  status?: number;
  /** Slack error code for the body; default `ratelimited` for 429 and `internal_error` otherwise. */
  error?: string;
  /** Sends `Retry-After` (seconds) with a 429. */
  retryAfterSeconds?: number;
  /** How many consecutive calls fail; default 1. */
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
  private readonly latency = new Map<string, number>();
  private globalLatencyMs: number;

  constructor(latencyMs = 0) {
    this.globalLatencyMs = latencyMs;
  }

  failNext(method: string, fault: FakeFault): void {
    const queue = this.pending.get(method) ?? [];
    queue.push({ fault, remaining: fault.times ?? 1 });
    this.pending.set(method, queue);
  }

  /** The fault for this call, if one is pending; faults for the method itself go before '*' ones. */
  take(method: string): FaultAnswer | null {
    for (const key of [method, '*']) {
      const queue = this.pending.get(key);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return answer(head.fault);
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
