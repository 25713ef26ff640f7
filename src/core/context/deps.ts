/** What the context use cases are built from (assembled in src/deps.ts). */
import type { IncidentSettings } from '../incident/settings.js';
import type { MitigationSettings } from '../mitigation/model.js';
import type { ChatPort, ClusterPort, Clock, CodeHostPort, ContextViews, Logger, MetricsPort, OnCallPort, Store } from '../ports.js';
import type { ServiceReleaseSettings } from '../release/model.js';
import type { ContextSettings } from './model.js';

export interface ContextDeps {
  store: Store;
  metrics: MetricsPort;
  cluster: ClusterPort;
  codeHost: CodeHostPort;
  oncall: OnCallPort;
  chat: ChatPort;
  views: ContextViews;
  clock: Clock;
  logger: Logger;
  settings: ContextSettings;
  releaseServices: ServiceReleaseSettings[];
  mitigation: MitigationSettings;
  incidentSettings: IncidentSettings;
  /** Service name → GitHub repository (owner/name). */
  repositories: Record<string, string>;
  /** As in the deploy check: fewer events make SLO numbers untrustworthy. */
  minEvents: number;
  staleAfterMinutes: number;
}
