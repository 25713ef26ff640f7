import { describe, expect, it } from 'vitest';
import type { DeployCheck } from '../../../src/core/release/model.js';
import { DEPLOY_CHECK_APPROVE_ACTION_ID, DEPLOY_CHECK_EXIT, deployCheckHistory, deployCheckJson, deployCheckMessage, deployCheckText, overrideAnnouncement } from '../../../src/templates/deploy-check/index.js';
import { newDeployCheck, sloReport } from '../../support/store-fixtures.js';

const view = { timeZone: 'Europe/Berlin', unknownCountsAs: 'REVIEW' as const };
const stored = (overrides: Partial<DeployCheck> = {}): DeployCheck => ({ id: 7, approvals: [], override: null, ...newDeployCheck(), ...overrides });
const blocksText = (m: { blocks?: unknown[] }) => JSON.stringify(m.blocks);

describe('deploy check in Slack', () => {
  it('shows the decision and main reason, a row per dimension, each SLO, the conditions and an Approve button', () => {
    const message = deployCheckMessage(stored(), view);
    expect(message.text).toMatch(/^CAUTION: deploy check #7 for checkout/);
    const text = blocksText(message);
    for (const label of ['Blast radius: low', 'Reversibility: medium', 'Test coverage: medium', 'Error budget: low', 'Time of week: low']) expect(text).toContain(label);
    expect(text).toContain('availability');
    expect(text).toContain('extended canary');
    expect(text).toContain('*Approvals:* 0 of 2');
    expect(text).toContain(DEPLOY_CHECK_APPROVE_ACTION_ID);
  });

  it('lists approvers and drops the button once enough approvals are in', () => {
    const at = new Date('2026-03-02T10:20:00Z');
    const half = blocksText(deployCheckMessage(stored({ approvals: [{ userId: 'U0AMY', at }] }), view));
    expect(half).toContain('1 of 2 — <@U0AMY>');
    expect(half).toContain(DEPLOY_CHECK_APPROVE_ACTION_ID);
    const done = blocksText(deployCheckMessage(stored({ approvals: [{ userId: 'U0AMY', at }, { userId: 'U0BEN', at }] }), view));
    expect(done).not.toContain(DEPLOY_CHECK_APPROVE_ACTION_ID);
  });

  it('offers no Approve button on a blocked check unless glass was broken', () => {
    const blocked = stored({ outcome: { decision: 'BLOCKED', reasons: ['Incident #4 (SEV1) freezes deploys.'], conditions: [], approvalsRequired: 2 } });
    expect(blocksText(deployCheckMessage(blocked, view))).not.toContain(DEPLOY_CHECK_APPROVE_ACTION_ID);
    const overridden = { ...blocked, override: { userId: 'U0LEAD', reason: 'P0 fix', at: new Date() } };
    expect(blocksText(deployCheckMessage(overridden, view))).toContain(DEPLOY_CHECK_APPROVE_ACTION_ID);
    expect(blocksText(deployCheckMessage(overridden, view))).toContain('Glass broken');
  });

  it('escapes user text (change, override reason, SLO names): no broadcast, no hidden link', () => {
    const check = stored({
      risk: { blastRadius: 'namespace', rollback: 'fast', coverage: 90, change: '<!channel> see <https://evil.example|PR>' },
      override: { userId: 'U0LEAD', reason: '<!here> trust me', at: new Date() },
      slos: [sloReport({ name: '<!everyone>' })],
    });
    const all = JSON.stringify(deployCheckMessage(check, view)) + JSON.stringify(overrideAnnouncement(check));
    expect(all).not.toMatch(/<!(channel|here|everyone)>/);
    expect(all).not.toContain('<https://evil.example|PR>');
  });

  it('says what UNKNOWN counts as', () => {
    const unknown = stored({ outcome: { decision: 'UNKNOWN', reasons: ['availability: stale'], conditions: [], approvalsRequired: 2 } });
    expect(deployCheckMessage(unknown, view).text).toMatch(/^UNKNOWN \(counts as REVIEW\)/);
  });

  it('lists history newest first as given, with overrides', () => {
    const history = deployCheckHistory('checkout', [stored({ id: 9, override: { userId: 'U0LEAD', reason: 'x', at: new Date() } }), stored({ id: 8 })], 'UTC');
    const text = blocksText(history);
    expect(text.indexOf('#9')).toBeLessThan(text.indexOf('#8'));
    expect(text).toContain('glass broken by <@U0LEAD>');
    expect(deployCheckHistory('search', [], 'UTC').text).toMatch(/No deploy checks/);
  });
});

describe('deploy check in a terminal', () => {
  it('prints a readable table and maps each decision to its documented exit code', () => {
    const text = deployCheckText(stored(), { unknownCountsAs: 'REVIEW' });
    expect(text).toMatch(/^Deploy check #7 for checkout: CAUTION/);
    expect(text).toMatch(/DIMENSION\s+LEVEL\s+VALUE\s+WHY/);
    expect(text).toMatch(/Test coverage\s+medium\s+87\.5%/);
    expect(DEPLOY_CHECK_EXIT).toMatchObject({ PROCEED: 0, CAUTION: 10, REVIEW: 20, BLOCKED: 30, UNKNOWN: 40, usage: 64, config: 78 });
    expect(new Set(Object.values(DEPLOY_CHECK_EXIT)).size).toBe(Object.values(DEPLOY_CHECK_EXIT).length);
  });

  it('writes a stable JSON document where NaN and Infinity become null', () => {
    const check = stored({ slos: [sloReport({ burnRates: [{ window: '5m', errorRatio: null, burn: Number.NaN }, { window: '1h', errorRatio: 1, burn: Number.POSITIVE_INFINITY }] })] });
    const doc = deployCheckJson(check, { unknownCountsAs: 'BLOCKED' });
    expect(Object.keys(doc)).toEqual(['version', 'id', 'service', 'decision', 'counts_as', 'exit_code', 'reasons', 'conditions', 'approvals_required', 'approvals', 'override', 'requested_by', 'requested_at', 'origin', 'risk', 'dimensions', 'slos', 'freezes']);
    expect(doc).toMatchObject({ version: 1, decision: 'CAUTION', counts_as: 'CAUTION', exit_code: 10 });
    const parsed = JSON.parse(JSON.stringify(doc)) as { slos: { burn_rates: Record<string, number | null> }[] };
    expect(parsed.slos[0]?.burn_rates).toEqual({ '5m': null, '1h': null });
  });
});
