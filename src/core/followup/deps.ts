/** What the follow-up core needs, handed in by the composition root. */
import type { IncidentSettings } from '../incident/settings.js';
import type { FollowupSettings } from '../postmortem/model.js';
import type { ChatPort, Clock, CodeHostPort, FollowupViews, Logger, Store } from '../ports.js';

export interface FollowupDeps {
  store: Store;
  codeHost: CodeHostPort;
  chat: ChatPort;
  views: FollowupViews;
  clock: Clock;
  logger: Logger;
  settings: FollowupSettings;
  incidentSettings: IncidentSettings;
}

/** The search that finds every open action item on GitHub (DESIGN: labels are the contract with the publisher). */
export const OPEN_ACTIONS_QUERY = 'is:issue label:postmortem-action is:open';
