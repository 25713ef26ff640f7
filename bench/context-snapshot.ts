/**
 * Context snapshot latency with every source configured and 100 ms of simulated latency on every API call (Prometheus,
 * Kubernetes, GitHub, PagerDuty, Slack): time to the "gathering" message and to the complete snapshot.
 */
import { createContextUseCases } from '../src/core/context/index.js';
import { createContextHarness } from '../test/unit/core/context/context-fixtures.js';
import { ms, summary } from './stats.js';

const LATENCY_MS = 100;
const RUNS = 5;

/** The same object with every function delayed by the simulated network latency. */
function slow<T extends object>(port: T): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || key === 'status' || key === 'escalationPolicyFor' || key === 'channelUrl') return value;
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export async function benchContextSnapshot(): Promise<Record<string, unknown>> {
  const first: number[] = [];
  const complete: number[] = [];
  let calls = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const h = await createContextHarness({ sourceTimeoutMs: 5_000 });
    let firstAt = 0;
    const chat = slow(h.chat);
    const started = performance.now();
    const context = createContextUseCases({
      ...h.deps,
      metrics: slow(h.deps.metrics),
      cluster: slow(h.deps.cluster),
      codeHost: slow(h.deps.codeHost),
      oncall: slow(h.deps.oncall),
      chat: {
        ...chat,
        postMessage: async (...args: Parameters<typeof chat.postMessage>) => {
          const posted = await chat.postMessage(...args);
          firstAt ||= performance.now();
          return posted;
        },
      },
    });
    await context.gather(h.incident.id);
    complete.push(performance.now() - started);
    first.push(firstAt - started);
    calls = h.metrics.queries.length;
  }
  const f = summary(first);
  const c = summary(complete);
  console.log(`context snapshot, every source configured, ${LATENCY_MS} ms per API call, ${RUNS} runs:`);
  console.log(`  "gathering" message after p50 ${ms(f.p50)} (goal < 1000 ms); complete snapshot p50 ${ms(c.p50)}, max ${ms(c.max)} (goal < 2000 ms); ${calls} Prometheus queries`);
  return { firstMessage: f, complete: c, prometheusQueries: calls };
}
