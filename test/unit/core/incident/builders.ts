/** Incidents for pure domain tests. */
import type { Incident } from '../../../../src/core/incident/model.js';

export function buildIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 1,
    title: 'Checkout returns 500',
    severity: 'SEV2',
    state: 'investigating',
    service: null,
    impact: null,
    isPrivate: false,
    declaredBy: 'U0ALICE',
    dedupeKey: 'U0ALICE:x',
    declaredAt: new Date('2026-03-02T14:00:00Z'),
    startedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    commanderAssignedAt: new Date('2026-03-02T14:00:00Z'),
    roles: { commander: 'U0ALICE' },
    channelId: 'C0WARROOM',
    channelName: 'inc-20260302-checkout-returns-500',
    declarationTs: null,
    announcement: null,
    lastUpdateAt: null,
    lastUpdateText: null,
    links: {},
    updatedAt: new Date('2026-03-02T14:00:00Z'),
    ...overrides,
  };
}
