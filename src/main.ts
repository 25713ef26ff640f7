import { createApp } from './app.js';
import type { AppConfig } from './config/index.js';
import { buildDeps, type DepsOverrides } from './deps.js';
import { httpRoutes } from './http/index.js';

export interface RunningWarroom {
  stop(reason: string): Promise<void>;
}

/**
 * Starts the bot: dependencies (store migrated, Slack token checked), the Bolt app with /healthz, /readyz and
 * /metrics, and the durable job worker. SIGTERM/SIGINT stop it gracefully: no new requests, in-flight work
 * finishes, job leases are released, the database is closed.
 */
export async function startWarroom(config: AppConfig, options: { handleSignals?: boolean; clock?: DepsOverrides['clock'] } = {}): Promise<RunningWarroom> {
  // The clock is replaceable only for the HA drills, which compress a week of reminders into a minute.
  const deps = await buildDeps(config, options.clock ? { clock: options.clock } : {});
  let shuttingDown = false;
  const routes = httpRoutes(deps, () => shuttingDown);
  const app = createApp(deps, { routes });
  await app.start();
  await deps.scheduleWeeklyReview();
  deps.jobRunner.start(config.jobs.pollIntervalMs);
  deps.logger.info({ mode: config.slack.mode, port: config.port, store: deps.store.dialect, botUserId: deps.botUserId }, 'warroom started');
  for (const warning of config.warnings) deps.logger.warn({}, warning);

  let stopping: Promise<void> | null = null;
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      shuttingDown = true;
      deps.logger.info({ reason, inFlight: app.inFlight() }, 'warroom stopping');
      await app.stop().catch((err: unknown) => deps.logger.warn({ err }, 'stopping the Slack app failed'));
      await deps.background.drain(10_000);
      await deps.jobRunner.stop();
      await deps.store.close();
      deps.logger.info({}, 'warroom stopped');
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void stop(signal).then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  }
  return { stop };
}
