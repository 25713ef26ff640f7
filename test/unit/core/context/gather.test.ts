import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../src/core/ports.js';
import { createContextHarness, NOW, RISE } from './context-fixtures.js';

const textOf = (m: ChatMessage): string => JSON.stringify(m.blocks);
const buttons = (m: ChatMessage) =>
  (m.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

describe('context gather', () => {
  it('posts "gathering" once, edits it as sections arrive, and ends with signals, changes, people and suspects', async () => {
    const h = await createContextHarness();
    const snapshot = await h.context().gather(h.incident.id, { actor: { userId: 'U0LEAD' } });

    expect(h.chat.callsTo('postMessage')).toHaveLength(1);
    const [posted] = h.chat.messagesIn('C0WAR');
    expect(textOf(posted!.history[0] ?? posted!.message)).toContain('gathering…');
    const edits = h.chat.callsTo('updateMessage');
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(edits.length).toBeLessThanOrEqual(4);

    expect(snapshot.complete).toBe(true);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.signals).toMatchObject({ errorRatio5m: 0.05, errorRatio1h: 0.02, errorRatio1hYesterday: 0.002, latencyP99Now: 0.8, latencyP99Yesterday: 0.2, errorsRoseAt: RISE });
    expect(snapshot.signals?.slos[0]?.budget).not.toBeNull();
    // The range query compares the last 6 hours with the same window 24 h earlier, a point a minute.
    const ranges = h.metrics.queries.filter((q) => q === '(ctx_err[5m]) / (ctx_total[5m])');
    expect(ranges.length).toBeGreaterThanOrEqual(3);

    // Revisions 41 (600 min ago) and 42 (32 min ago) are within the day; 40 is not. The release came after the rise.
    expect(snapshot.changes?.map((c) => c.title)).toEqual(['v2.4.0', 'checkout-api revision 42 (registry/checkout:v42)', 'PR #812 Fix <pool> size', 'checkout-api revision 41 (registry/checkout:v41)']);
    expect(h.codeHost.calls.find((c) => c.method === 'changesSince')?.args).toEqual(['acme/checkout', new Date(NOW.getTime() - 24 * 60 * 60_000), { path: 'deploy/config' }]);

    expect(snapshot.people?.onCall.map((o) => [o.level, o.name, o.slackUserId])).toEqual([[1, 'Priya Primary', 'U0PRIYA'], [2, 'Sam Second', null], [3, 'Nora NoSlack', null]]);
    expect(snapshot.people?.otherOpenIncidents.map((i) => i.id)).toEqual([h.other.id]);
    expect(snapshot.people?.freezes.map((f) => f.incidentId)).toEqual([h.incident.id]);

    expect(snapshot.suspects?.map((s) => [s.rank, s.change.kind, s.minutesBeforeRise])).toEqual([[1, 'rollout', 12], [2, 'pull_request', 25]]);
    expect(snapshot.suspects?.[0]?.change.rollback).toEqual({ cluster: 'prod', namespace: 'shop', deployment: 'checkout-api', toRevision: 41 });

    const final = h.chat.messagesIn('C0WAR')[0]!.message;
    expect(textOf(final)).toContain('errors rose at 13:40 UTC');
    expect(textOf(final)).not.toContain('gathering…');
    expect(buttons(final)).toEqual([expect.objectContaining({ action_id: 'context_rollback', value: JSON.stringify({ cluster: 'prod', namespace: 'shop', deployment: 'checkout-api', toRevision: 41 }) })]);
  });

  it('records the snapshot and its suspects on the timeline with when errors rose and the top suspect', async () => {
    const h = await createContextHarness();
    const snapshot = await h.context().gather(h.incident.id, { actor: { userId: 'U0LEAD' } });
    const key = `act:context:${h.incident.id}:${snapshot.generatedAt.getTime()}`;
    const main = await h.store.timeline.findByKey(key);
    const suspects = await h.store.timeline.findByKey(`${key}:suspects`);
    expect(main).toMatchObject({ kind: 'bot_action', actor: 'U0LEAD', channelId: 'C0WAR' });
    expect(main?.data).toMatchObject({ errorsRoseAt: RISE.toISOString(), topSuspect: { kind: 'rollout', minutesBeforeRise: 12 } });
    expect(suspects?.data).toMatchObject({ errorsRoseAt: RISE.toISOString(), topSuspect: { title: 'checkout-api revision 42 (registry/checkout:v42)' } });
    expect((suspects?.data.suspects as unknown[]).length).toBe(2);
  });

  it('shows one line for a source that never answers, and everything else still arrives', async () => {
    const h = await createContextHarness({ sourceTimeoutMs: 50 });
    h.codeHost.changesSince = () => new Promise(() => undefined);
    const snapshot = await h.context().gather(h.incident.id);
    expect(snapshot.problems).toEqual([{ source: 'github', kind: 'timeout', message: 'GitHub: no answer within 50 ms' }]);
    expect(snapshot.changes?.map((c) => c.kind)).toEqual(['rollout', 'rollout']);
    expect(snapshot.signals?.errorsRoseAt).toEqual(RISE);
    expect(snapshot.suspects?.[0]?.change.kind).toBe('rollout');
    expect(textOf(h.chat.messagesIn('C0WAR')[0]!.message)).toContain('GitHub: no answer within 50 ms');
  });

  it('shows a not-configured integration as one line, and a failing one as another', async () => {
    const h = await createContextHarness();
    h.oncall.configured = false;
    h.cluster.forbid('listReplicaSets');
    const snapshot = await h.context().gather(h.incident.id);
    expect(snapshot.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'pagerduty', kind: 'not_configured' }),
        expect.objectContaining({ source: 'kubernetes', kind: 'failed', message: expect.stringContaining('forbidden') }),
      ]),
    );
    expect(snapshot.problems).toHaveLength(2);
    expect(snapshot.people?.onCall).toEqual([]);
    expect(snapshot.people?.freezes).toHaveLength(1);
    expect(snapshot.suspects?.map((s) => s.change.kind)).toEqual(['pull_request']);
    const text = textOf(h.chat.messagesIn('C0WAR')[0]!.message);
    expect(text).toContain('On call: ');
    expect(text).toContain('Rollouts: ');
  });

  it('refresh finds the war room by channel and honours --since', async () => {
    const h = await createContextHarness();
    const snapshot = await h.context().refresh('C0WAR', 40, { userId: 'U0LEAD' });
    expect(snapshot.incidentId).toBe(h.incident.id);
    expect(snapshot.since).toEqual(new Date(NOW.getTime() - 40 * 60_000));
    // The PR merged 45 minutes ago is outside a 40-minute look-back.
    expect(snapshot.changes?.map((c) => c.title)).toEqual(['v2.4.0', 'checkout-api revision 42 (registry/checkout:v42)']);
    await expect(h.context().refresh('C0NOPE', null, { userId: 'U0LEAD' })).rejects.toMatchObject({ code: 'NOT_AN_INCIDENT_CHANNEL' });
  });
});
