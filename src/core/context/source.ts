/**
 * One source of the snapshot, run with its own timeout: its value, or one SourceProblem saying why there is none.
 * Nothing a source does (throw, hang) escapes from here.
 */
import { describeError } from '../errors.js';
import type { SourceProblem } from './model.js';

export type SourceName = SourceProblem['source'];

export type SourceResult<T> = { ok: true; value: T } | { ok: false; problem: SourceProblem };

/** Thrown by a source that finds its integration (or the service's settings for it) missing. */
export class NotConfigured extends Error {}

class TimedOut extends Error {}

const seconds = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);

export async function runSource<T>(source: SourceName, label: string, timeoutMs: number, work: () => Promise<T>): Promise<SourceResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), timeoutMs);
  });
  const running = Promise.resolve().then(work);
  // A source that answers after its timeout must not become an unhandled rejection.
  running.catch(() => undefined);
  try {
    return { ok: true, value: await Promise.race([running, deadline]) };
  } catch (err) {
    if (err instanceof TimedOut) return { ok: false, problem: { source, kind: 'timeout', message: `${label}: no answer within ${seconds(timeoutMs)}` } };
    if (err instanceof NotConfigured) return { ok: false, problem: { source, kind: 'not_configured', message: `${label}: ${err.message}` } };
    return { ok: false, problem: { source, kind: 'failed', message: `${label}: ${describeError(err)}` } };
  } finally {
    clearTimeout(timer);
  }
}
