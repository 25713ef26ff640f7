/** Shared set-up for the Slack integration tests: the real WebClient pointed at the fake, with test-sized retries. */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../src/core/ports.js';
import { createSlackChat, type SlackChatAdapter, type SlackChatOptions } from '../../../src/integrations/slack/chat-adapter.js';
import { createSlackWebClient, type SlackWebClientOptions } from '../../../src/integrations/slack/web-client.js';
import type { FakeSlack } from '../../../src/playground/slack/index.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

export function captureLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: object, msg?: string) => {
    lines.push({ level, obj, msg });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function testClient(fake: FakeSlack, overrides: Partial<SlackWebClientOptions> = {}): WebClient {
  return createSlackWebClient({
    token: fake.token,
    apiUrl: fake.apiUrl,
    timeoutMs: 2_000,
    maxRetries: 3,
    retryMinDelayMs: 1,
    retryMaxDelayMs: 5,
    ...overrides,
  });
}

/** A ChatPort on the fake; pacing is generous so tests that are not about pacing never wait for it. */
export function testChat(fake: FakeSlack, options: SlackChatOptions = {}, client: WebClient = testClient(fake)): SlackChatAdapter {
  return createSlackChat(client, { pacing: { burst: 1000, perSecond: 1000 }, ...options });
}

/** Rejections as values, so a test can assert on the error's fields. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
