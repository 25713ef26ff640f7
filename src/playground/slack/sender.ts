import { createHmac, randomUUID } from 'node:crypto';

/** Sends requests to the bot's /slack/events exactly as Slack does: signed, form-encoded or JSON, with retry headers. */
export interface SlackRequester {
  slashCommand(input: { text: string; userId: string; channelId: string; command?: string; channelName?: string; responseUrl?: string; triggerId?: string }): Promise<{ status: number; body: string; ms: number }>;
  /** A redelivery carries retryNum and why Slack retries: `http_timeout` (no answer in 3 s) or `http_error` (an error status). */
  event(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number; retryReason?: 'http_timeout' | 'http_error' }): Promise<{ status: number; body: string; eventId: string }>;
  interaction(payload: Record<string, unknown>): Promise<{ status: number; body: string }>;
  raw(body: string, contentType: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
}

export function signSlackRequest(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export interface SlackRequesterOptions {
  url: string;
  signingSecret: string;
  newResponseUrl: () => string;
  teamId?: string;
  botUserId?: string;
  /** Slack waits 3 s for an answer, then gives up (the request rejects with a TimeoutError); default: no limit. */
  timeoutMs?: number;
}

export function createSlackRequester(options: SlackRequesterOptions): SlackRequester {
  const teamId = options.teamId ?? 'T0WARROOM';
  async function raw(body: string, contentType: string, headers: Record<string, string> = {}) {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signSlackRequest(options.signingSecret, body), ...headers },
      body,
      ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    });
    return { status: response.status, body: await response.text() };
  }
  return {
    raw,
    async slashCommand({ text, userId, channelId, command = '/incident', channelName = 'test', responseUrl, triggerId }) {
      const form = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: teamId,
        team_domain: 'warroom-test',
        channel_id: channelId,
        channel_name: channelName,
        user_id: userId,
        user_name: userId.toLowerCase(),
        command,
        text,
        api_app_id: 'A0WARROOM',
        response_url: responseUrl ?? options.newResponseUrl(),
        trigger_id: triggerId ?? `${Date.now()}.${randomUUID()}`,
      });
      const started = performance.now();
      const result = await raw(form.toString(), 'application/x-www-form-urlencoded');
      return { ...result, ms: performance.now() - started };
    },
    async event(event, { eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`, retryNum, retryReason = 'http_timeout' } = {}) {
      const body = JSON.stringify({
        token: 'legacy-verification-token',
        team_id: teamId,
        api_app_id: 'A0WARROOM',
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: teamId, user_id: options.botUserId ?? 'U0WARROOMBOT', is_bot: true }],
        event,
      });
      const headers: Record<string, string> = retryNum ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': retryReason } : {};
      return { ...(await raw(body, 'application/json', headers)), eventId };
    },
    async interaction(payload) {
      const body = new URLSearchParams({ payload: JSON.stringify({ team: { id: teamId, domain: 'warroom-test' }, api_app_id: 'A0WARROOM', token: 'legacy-verification-token', ...payload }) });
      return raw(body.toString(), 'application/x-www-form-urlencoded');
    },
  };
}
