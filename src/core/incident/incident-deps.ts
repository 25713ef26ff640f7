/** What every incident use case is built from. The composition root (src/deps.ts) supplies real adapters. */
import type { ChatPort, Clock, IncidentViews, Logger, OnCallPort, Store } from '../ports.js';
import type { IncidentSettings } from './settings.js';

export interface IncidentDeps {
  store: Store;
  chat: ChatPort;
  views: IncidentViews;
  oncall: OnCallPort;
  clock: Clock;
  logger: Logger;
  settings: IncidentSettings;
  /** The bot's own Slack user id: its messages are not captured as human timeline messages. */
  botUserId?: string;
}
