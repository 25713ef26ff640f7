import { App, type AppOptions } from '@slack/bolt';
import { registerCommands } from './commands/index.js';
import type { Deps } from './deps.js';
import { holdEventAcksUntilStored } from './handlers/events/durable-ack.js';
import { registerHandlers } from './handlers/index.js';
import type { Route } from './http/routes.js';
import { toBoltLogger } from './observability/bolt-logger.js';

export interface WarroomApp {
  app: App;
  start(): Promise<void>;
  /** Stops taking requests, then waits (up to `graceMs`) for listeners already running to finish. */
  stop(graceMs?: number): Promise<void>;
  inFlight(): number;
}

/** Builds the Bolt app (Socket Mode when an app token is configured, HTTP otherwise) and registers every listener. */
export function createApp(deps: Deps, options: { routes: Route[] }): WarroomApp {
  const { slack, port } = deps.config;
  const common: AppOptions = {
    token: slack.botToken,
    botUserId: deps.botUserId,
    botId: deps.botId,
    // We run auth.test ourselves at start-up (with retries and a clear error), so Bolt need not.
    tokenVerificationEnabled: false,
    logger: toBoltLogger(deps.logger),
    clientOptions: { ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}), timeout: 10_000 },
    customRoutes: options.routes,
    // Bolt's conversation store keeps per-conversation state we never use; it costs time on every event.
    convoStore: false,
    // Bolt's default error handler rethrows; listeners handle their own failures, this is the last net.
    extendedErrorHandler: false,
  };
  const app =
    slack.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: slack.appToken ?? undefined, signingSecret: slack.signingSecret ?? undefined, installerOptions: { port, clientOptions: common.clientOptions } })
      : new App({ ...common, signingSecret: slack.signingSecret ?? '', port });

  let running = 0;
  app.use(async ({ next }) => {
    running += 1;
    try {
      await next();
    } finally {
      running -= 1;
    }
  });
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  holdEventAcksUntilStored(app);
  registerCommands(app, deps);
  registerHandlers(app, deps);

  return {
    app,
    inFlight: () => running,
    async start() {
      await app.start(port);
    },
    async stop(graceMs = 10_000) {
      await app.stop();
      const deadline = Date.now() + graceMs;
      while (running > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}
