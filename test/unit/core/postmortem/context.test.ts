import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../src/core/incident/model.js';
import { postmortemContext } from '../../../../src/core/postmortem/context.js';
import { newMitigation } from '../../../support/store-fixtures.js';
import { aDraft, COMMANDER, createPostmortemHarness, resolvedIncident } from './harness.js';

type Harness = ReturnType<typeof createPostmortemHarness>;
const actor = { userId: COMMANDER };
const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);
const SUSPECT = { kind: 'rollout', title: 'checkout-api revision 42 (registry/checkout:v242)', link: 'https://argo.example/checkout/42', at: at('12:20').toISOString() };

async function record(h: Harness, incident: Incident, key: string, occurredAt: Date, data: Record<string, unknown>): Promise<void> {
  await h.store.timeline.append({ incidentId: incident.id, channelId: incident.channelId, key, kind: 'bot_action', occurredAt, actor: null, text: key, data });
}

/** What the context core writes: the snapshot, then its suspects, under the snapshot's time in ms. */
async function snapshot(h: Harness, incident: Incident, when: Date, errorsRoseAt: string | null, topSuspect: unknown): Promise<void> {
  const key = `act:context:${incident.id}:${when.getTime()}`;
  await record(h, incident, key, when, { errorsRoseAt });
  await record(h, incident, `${key}:suspects`, when, { errorsRoseAt, topSuspect });
}

async function rollback(h: Harness, incident: Incident, when: Date, ok: boolean, from: number): Promise<number> {
  const m = await h.store.mitigations.create(
    newMitigation({
      incidentId: incident.id,
      request: { kind: 'rollback', cluster: 'prod-us', deployment: { name: 'checkout-api', namespace: 'shop' }, options: {} },
      state: ok ? 'succeeded' : 'failed',
    }),
  );
  const preview = { ...m.preview, revision: { from, to: from - 1, imagesFrom: [`registry/checkout:v${from}`], imagesTo: [`registry/checkout:v${from - 1}`] } };
  await h.store.mitigations.update(m.id, { preview });
  await record(h, incident, `act:mitigation:${m.id}:outcome`, when, { mitigationId: m.id, kind: 'rollback', cluster: 'prod-us', step: 'outcome', ok });
  return m.id;
}

describe('postmortem: what changed', () => {
  it('puts the newest snapshot facts and the last successful rollback into the published postmortem', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h);
    await snapshot(h, incident, at('13:01'), at('12:48').toISOString(), SUSPECT);
    // A refresh hours later no longer sees the rise or a suspect: it must not erase what the first one found.
    await snapshot(h, incident, at('19:30'), null, null);
    const good = await rollback(h, incident, at('13:20'), true, 42);
    await rollback(h, incident, at('13:25'), false, 41);
    // Another incident's snapshot on this timeline (a shared channel) is not this incident's.
    await record(h, incident, `act:context:${incident.id + 1}:${at('13:40').getTime()}:suspects`, at('13:40'), { errorsRoseAt: at('13:39').toISOString(), topSuspect: { ...SUSPECT, title: 'other' } });

    await h.postmortems.saveDraft(incident.id, aDraft([]), actor);
    await h.postmortems.publish(incident.id, actor);
    const body = h.codeHost.issues.at(-1)!.body;
    expect(body).toContain('- **Errors rose:** Mon 2 Mar 12:48 UTC');
    expect(body).toContain('- **Top suspect:** [checkout-api revision 42 (registry/checkout:v242)](https://argo.example/checkout/42) (rollout, Mon 2 Mar 12:20 UTC)');
    expect(body).toContain(`- **Rolled back:** checkout-api in shop on prod-us: revision 42 (registry/checkout:v42), rolled back to revision 41 (registry/checkout:v41) (mitigation #${good})`);
    expect(body).toContain('- **Change to detection:** 40m from the change to the declaration');
  });

  it('takes the newest snapshot when several know, and falls back to the outcome event when the rollback is gone', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h);
    await snapshot(h, incident, at('13:01'), at('12:48').toISOString(), SUSPECT);
    await snapshot(h, incident, at('13:10'), at('12:45').toISOString(), { ...SUSPECT, kind: 'config', title: 'values.yaml', link: null, at: at('12:40').toISOString() });
    await record(h, incident, 'act:mitigation:99:outcome', at('13:20'), { mitigationId: 99, kind: 'rollback', cluster: 'prod-eu', step: 'outcome', ok: true });
    const context = await postmortemContext(h.deps, incident, await h.store.timeline.list(incident.id));
    expect(context).toEqual({
      errorsRoseAt: at('12:45'),
      topSuspect: { kind: 'config', title: 'values.yaml', link: null, at: at('12:40') },
      rolledBack: 'rollback on prod-eu (mitigation #99)',
      changeToDetectionMs: 20 * 60_000,
    });
  });

  it('ignores a malformed suspect, and is null without snapshots or rollbacks', async () => {
    const h = createPostmortemHarness();
    const incident = await resolvedIncident(h);
    expect(await postmortemContext(h.deps, incident, await h.store.timeline.list(incident.id))).toBeNull();
    await h.postmortems.saveDraft(incident.id, aDraft([]), actor);
    await h.postmortems.publish(incident.id, actor);
    expect(h.codeHost.issues.at(-1)!.body).toContain('_No context snapshot was taken and nothing was rolled back._');

    await snapshot(h, incident, at('13:01'), 'not a date', { kind: 'meteor', title: 'x', link: null, at: at('12:00').toISOString() });
    expect(await postmortemContext(h.deps, incident, await h.store.timeline.list(incident.id))).toEqual({ errorsRoseAt: null, topSuspect: null, rolledBack: null, changeToDetectionMs: null });
  });
});
