/** Slack Web API integration: the outbound client and the ChatPort adapter on it. */
export { createSlackWebClient, normalizeSlackApiUrl, slackWebClientOptions, DEFAULT_SLACK_API_URL, DEFAULT_SLACK_MAX_RETRIES, DEFAULT_SLACK_TIMEOUT_MS, type SlackWebClientOptions } from './web-client.js';
export { createSlackChat, SlackChatAdapter, type SlackChatOptions } from './chat-adapter.js';
export { SlackApiError, toSlackError, platformErrorCode } from './slack-errors.js';
export { SlackInviteError, MAX_INVITES_PER_CALL, type InviteFailure } from './invite.js';
export { createChannelPacer, DEFAULT_PACING, type ChannelPacer, type PacerTime, type PacingOptions } from './channel-pacer.js';
export { redactSecrets, toSlackLogger } from './slack-logger.js';
