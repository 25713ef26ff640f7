/** What the postmortem use cases are built from; the composition root supplies real adapters. */
import type { IncidentSettings } from '../incident/settings.js';
import type { ChatPort, Clock, CodeHostPort, Logger, PostmortemViews, Store } from '../ports.js';
import type { PostmortemSettings } from './model.js';

export interface PostmortemDeps {
  store: Store;
  codeHost: CodeHostPort;
  chat: ChatPort;
  views: PostmortemViews;
  clock: Clock;
  logger: Logger;
  settings: PostmortemSettings;
  incidentSettings: IncidentSettings;
}
