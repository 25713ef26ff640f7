import { describe, expect, it } from 'vitest';
import { durationStats } from '../../../../src/core/followup/index.js';
import { newIncident } from '../../../support/store-fixtures.js';
import { createFollowupHarness, draftWith, newItem } from './followup-fixtures.js';

const MIN = 60_000;

describe('stats', () => {
  it('takes median and p90 by nearest rank', () => {
    expect(durationStats([5, 1, 4, 2, 3, 6, 7, 8, 9, 10, null].map((n) => (n === null ? null : n * MIN)))).toEqual({ count: 10, median: 5 * MIN, p90: 9 * MIN });
    expect(durationStats([])).toEqual({ count: 0, median: null, p90: null });
    expect(durationStats([7])).toEqual({ count: 1, median: 7, p90: 7 });
  });

  it('reports incidents by severity, MTTx, action-item completion and recurring root causes since a date', async () => {
    const h = createFollowupHarness({ now: '2026-03-20T12:00:00Z' });
    const at = (m: number) => new Date(Date.parse('2026-03-10T10:00:00Z') + m * MIN);
    const old = await h.store.incidents.create(newIncident({ declaredAt: new Date('2025-11-01T00:00:00Z'), severity: 'SEV1' }));
    const i1 = await h.store.incidents.create(newIncident({ severity: 'SEV1', state: 'closed', startedAt: at(0), declaredAt: at(10), mitigatedAt: at(40), resolvedAt: at(100) }));
    const i2 = await h.store.incidents.create(newIncident({ severity: 'SEV2', state: 'resolved', startedAt: at(0), declaredAt: at(20), mitigatedAt: at(60), resolvedAt: at(200) }));
    const i3 = await h.store.incidents.create(newIncident({ severity: 'SEV2', state: 'investigating', service: 'search', declaredAt: at(30) }));
    await h.store.timeline.append({ incidentId: i1.id, key: 'act:paged:1', kind: 'paged', occurredAt: at(11), actor: null, text: 'paged' });
    await h.store.timeline.append({ incidentId: i1.id, key: 'act:ack:1', kind: 'page_acknowledged', occurredAt: at(14), actor: null, text: 'ack', data: { afterMs: 3 * MIN } });
    await h.store.timeline.append({ incidentId: i2.id, key: 'act:paged:2', kind: 'paged', occurredAt: at(21), actor: null, text: 'paged' });
    await h.store.timeline.append({ incidentId: i2.id, key: 'act:ack:2', kind: 'page_acknowledged', occurredAt: at(26), actor: null, text: 'ack' });
    await h.store.postmortems.saveDraft(i1.id, draftWith('config_or_flag'), 'U1');
    await h.store.postmortems.saveDraft(i2.id, draftWith('config_or_flag'), 'U1');
    await h.store.postmortems.saveDraft(i3.id, draftWith('config_or_flag'), 'U1');
    await h.store.postmortems.saveDraft(old.id, draftWith('capacity'), 'U1');
    await h.store.actionItems.upsert(newItem({ incidentId: i1.id, state: 'closed', closedAt: at(500) }));
    await h.store.actionItems.upsert(newItem({ incidentId: i1.id }));
    await h.store.actionItems.upsert(newItem({ incidentId: i2.id, state: 'closed', closedAt: at(500) }));
    await h.store.actionItems.upsert(newItem({ incidentId: old.id }));

    const stats = await h.followup.stats(new Date('2026-03-01T00:00:00Z'));

    expect(stats.incidentsBySeverity).toEqual({ SEV1: 1, SEV2: 2 });
    expect(stats.timeToDetect).toEqual({ count: 2, median: 10 * MIN, p90: 20 * MIN });
    expect(stats.timeToAcknowledge).toEqual({ count: 2, median: 3 * MIN, p90: 5 * MIN });
    expect(stats.timeToMitigate).toEqual({ count: 2, median: 40 * MIN, p90: 60 * MIN });
    expect(stats.timeToResolve).toEqual({ count: 2, median: 100 * MIN, p90: 200 * MIN });
    expect(stats.actionItems).toEqual({ closed: 2, total: 3, percent: 66.7 });
    expect(stats.recurringRootCauses).toEqual([{ service: 'checkout', category: 'config_or_flag', count: 2 }]);
  });
});
