import { App, LogLevel } from '@slack/bolt';

/** The baseline: a Bolt app in HTTP mode that only acknowledges `/incident`, with the same signature verification. */
export async function startBareBolt(options: { port: number; signingSecret: string; apiUrl: string; token: string }): Promise<{ stop(): Promise<void> }> {
  const app = new App({
    token: options.token,
    signingSecret: options.signingSecret,
    port: options.port,
    tokenVerificationEnabled: false,
    botUserId: 'U0WARROOMBOT',
    botId: 'B0000000BOT',
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: options.apiUrl },
  });
  app.command('/incident', async ({ ack }) => {
    await ack();
  });
  await app.start(options.port);
  return { stop: () => app.stop() as Promise<void> };
}
