/** The Store port in memory, for unit tests of the core and the edges. */
import type { Clock, Store } from '../../../src/core/ports.js';
import { createMemoryDeployCheckRepository, type MemoryDeployCheckRepository } from './memory-deploy-checks.js';
import { createMemoryInboundRepository } from './memory-inbound.js';
import { createMemoryMitigationRepository, type MemoryMitigationRepository } from './memory-mitigations.js';
import { createMemoryPostmortemRepositories } from './memory-postmortems.js';
import { createMemoryIncidentRepository, type MemoryIncidentRepository } from './memory-incidents.js';
import { createMemoryJobRepository, type MemoryJobRepository } from './memory-jobs.js';
import { createMemoryTimelineRepository, type MemoryTimelineRepository } from './memory-timeline.js';

export interface MemoryStore extends Store {
  incidents: MemoryIncidentRepository;
  timeline: MemoryTimelineRepository;
  jobs: MemoryJobRepository;
  deployChecks: MemoryDeployCheckRepository;
  inbound: ReturnType<typeof createMemoryInboundRepository>;
  mitigations: MemoryMitigationRepository;
  postmortems: ReturnType<typeof createMemoryPostmortemRepositories>['postmortems'];
  actionItems: ReturnType<typeof createMemoryPostmortemRepositories>['actionItems'];
  closed: boolean;
}

export function createMemoryStore(options: { clock?: Clock } = {}): MemoryStore {
  const clock = options.clock ?? { now: () => new Date() };
  const store: MemoryStore = {
    dialect: 'sqlite',
    incidents: createMemoryIncidentRepository(clock),
    timeline: createMemoryTimelineRepository(),
    jobs: createMemoryJobRepository(),
    deployChecks: createMemoryDeployCheckRepository(),
    inbound: createMemoryInboundRepository(),
    mitigations: createMemoryMitigationRepository(),
    ...createMemoryPostmortemRepositories(clock),
    closed: false,
    async ping() {
      if (store.closed) throw new Error('store is closed');
    },
    async close() {
      store.closed = true;
    },
  };
  return store;
}

// Tests that build a memory store can name the deploy-check fake's type from here.
export { createMemoryDeployCheckRepository, type MemoryDeployCheckRepository } from './memory-deploy-checks.js';
