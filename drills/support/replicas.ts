/**
 * Bot replicas as real processes (drills/replica.ts under tsx): start, wait until healthy, kill -9 or SIGTERM,
 * start again with the same settings. Each replica's output goes to a log file kept for a failed drill's post-mortem.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export interface Replica {
  readonly name: string;
  readonly url: string;
  readonly logFile: string;
  running(): boolean;
  start(): Promise<void>;
  /** kill -9: no shutdown, no lease released, in-flight requests cut. */
  crash(): Promise<void>;
  /** SIGTERM: the graceful shutdown a rolling update uses. */
  stop(): Promise<void>;
  /** GET /readyz → status (0 when it does not answer). */
  readiness(): Promise<number>;
}

const REPLICA_ENTRY = join(import.meta.dirname, '..', 'replica.ts');

export function replica(name: string, port: number, env: Record<string, string>, logDir: string): Replica {
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(logDir, `${name}.log`);
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const waitHealthy = async (): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (!child || child.exitCode !== null) throw new Error(`replica ${name} exited while starting (see ${logFile})`);
      const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`replica ${name} not healthy after 30 s (see ${logFile})`);
  };

  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    await exited;
  };

  return {
    name,
    url,
    logFile,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async start() {
      const log = openSync(logFile, 'a');
      child = spawn(process.execPath, ['--import', 'tsx', REPLICA_ENTRY], {
        env: { ...process.env, ...env, PORT: String(port), WARROOM_INSTANCE_ID: name },
        stdio: ['ignore', log, log],
      });
      closeSync(log);
      const current = child;
      // If the drill runner itself dies, its replicas must not outlive it (they would hold ports and the database).
      const killOnExit = () => current.kill('SIGKILL');
      process.once('exit', killOnExit);
      exited = new Promise((resolve) =>
        current.once('exit', () => {
          process.removeListener('exit', killOnExit);
          resolve();
        }),
      );
      await waitHealthy();
    },
    crash: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    readiness: () => fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0),
  };
}
