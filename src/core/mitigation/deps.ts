/** What the mitigation use cases are built from. The composition root (src/deps.ts) supplies real adapters. */
import type { ServiceDefinition } from '../incident/settings.js';
import type { ChatPort, ClusterPort, Clock, Logger, MitigationViews, Store } from '../ports.js';
import type { MitigationSettings } from './model.js';

export interface MitigationDeps {
  store: Store;
  cluster: ClusterPort;
  chat: ChatPort;
  views: MitigationViews;
  clock: Clock;
  logger: Logger;
  settings: MitigationSettings;
  /** The incident core's services (names only matter here: a war room's service may have no cluster entry). */
  incidentServices: ServiceDefinition[];
  /** Waits between PDB-blocked eviction retries; real timers when omitted (tests inject one that advances the clock). */
  sleep?: (ms: number) => Promise<void>;
}
