import { describe, expect, it } from 'vitest';
import type { Mitigation } from '../../../../src/core/mitigation/model.js';
import { createMitigationViews, MITIGATION_CANCEL_ACTION_ID, MITIGATION_CONFIRM_ACTION_ID } from '../../../../src/templates/mitigation/index.js';

const views = createMitigationViews({ timeZone: 'UTC' });

function cordon(overrides: Partial<Mitigation> = {}): Mitigation {
  return {
    id: 12, incidentId: 1, channelId: 'C1', messageTs: '1.1', requestedBy: 'U0CAROL',
    requestedAt: new Date('2026-03-02T14:00:00Z'), expiresAt: new Date('2026-03-02T14:10:00Z'), state: 'pending',
    request: { kind: 'cordon', cluster: 'prod', nodes: { selector: 'topology.kubernetes.io/zone=us-west-2a' }, options: {} },
    preview: {
      headline: 'Cordon 3 nodes in us-west-2a (30% of the cluster\'s schedulable nodes) on prod', lines: ['us-west-2a: 3 of 3 schedulable nodes (100%)'],
      nodes: [{ name: 'node-1', zone: 'us-west-2a', unschedulable: false, ready: true }], zones: [{ zone: 'us-west-2a', affected: 3, schedulable: 3, percent: 100 }],
      pods: [], revision: null, replicas: null, blastRadiusPercent: 30, secondConfirmationReason: 'it affects 30% of the cluster\'s schedulable nodes (more than 10%)',
      fingerprint: '{}', dryRun: 'Server-side dry run accepted (3 changes).',
    },
    confirmations: [], progress: [], result: null, ...overrides,
  };
}

const json = (m: Mitigation) => JSON.stringify(views.mitigation(m).blocks);

describe('mitigation message', () => {
  it('shows the preview with the zones table, the two-person note, the expiry and danger Confirm/Cancel buttons', () => {
    const text = json(cordon());
    expect(text).toContain('us-west-2a');
    expect(text).toMatch(/3\/3 +100%/);
    expect(text).toContain('Needs a second person to confirm');
    expect(text).toContain('Expires at 14:10 UTC');
    expect(text).toContain('dry run accepted');
    const actions = (views.mitigation(cordon()).blocks as { type: string; elements?: { action_id: string; value: string; style?: string }[] }[]).find((b) => b.type === 'actions');
    expect(actions?.elements).toEqual([
      expect.objectContaining({ action_id: MITIGATION_CONFIRM_ACTION_ID, value: '12', style: 'danger' }),
      expect.objectContaining({ action_id: MITIGATION_CANCEL_ACTION_ID, value: '12' }),
    ]);
  });

  it('shows the result with the undo and no buttons once done', () => {
    const done = cordon({ state: 'succeeded', confirmations: [{ userId: 'U0ALICE', at: new Date() }, { userId: 'U0BOB', at: new Date() }], progress: ['Cordoned node-1.'], result: { ok: true, summary: 'Cordoned 3 nodes.', details: [], undo: 'uncordon -l topology.kubernetes.io/zone=us-west-2a' } });
    const text = json(done);
    expect(text).toContain('*Undo:* `uncordon -l topology.kubernetes.io/zone=us-west-2a`');
    expect(text).toContain('Confirmed by <@U0ALICE>, <@U0BOB>');
    expect(text).not.toContain(MITIGATION_CONFIRM_ACTION_ID);
    expect(views.mitigation(done).text).toContain('Cordoned 3 nodes.');
  });

  it('shows the revision and image difference of a rollback, with a primary button', () => {
    const rollback = cordon({
      request: { kind: 'rollback', cluster: 'prod', deployment: { name: 'checkout', namespace: 'shop' }, options: {} },
      preview: { ...cordon().preview, headline: 'Roll back shop/checkout from revision 7 to 6', zones: [], nodes: [], secondConfirmationReason: null, revision: { from: 7, to: 6, imagesFrom: ['a:1.7'], imagesTo: ['a:1.6'] } },
    });
    const text = json(rollback);
    expect(text).toContain('*Revision:* 7 → 6');
    expect(text).toContain('- a:1.7\\n+ a:1.6');
    expect(text).toContain('"style":"primary"');
  });

  it('escapes user-typed text', () => {
    const m = cordon({ state: 'failed', result: { ok: false, summary: 'bad <!channel> @here', details: [], undo: null } });
    expect(json(m)).not.toContain('<!channel>');
  });
});
