import { describe, expect, it } from 'vitest';
import { canTransition, isOpen, transition } from '../../../../src/core/incident/lifecycle.js';
import type { Incident, IncidentState } from '../../../../src/core/incident/model.js';
import { buildIncident } from './builders.js';

const now = new Date('2026-03-02T14:30:00Z');

describe('lifecycle', () => {
  it.each<[IncidentState, IncidentState, boolean]>([
    ['investigating', 'mitigated', true],
    ['investigating', 'resolved', true],
    ['mitigated', 'resolved', true],
    ['mitigated', 'investigating', false],
    ['mitigated', 'mitigated', false],
    ['resolved', 'resolved', false],
    ['resolved', 'mitigated', false],
    ['resolved', 'investigating', false],
    ['postmortem', 'resolved', false],
    ['closed', 'mitigated', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('mitigating an investigating incident stamps mitigatedAt', () => {
    const outcome = transition(buildIncident(), 'mitigated', now, 'UTC');
    expect(outcome).toEqual({ ok: true, patch: { state: 'mitigated', mitigatedAt: now } });
  });

  it('resolving a mitigated incident keeps the mitigation time', () => {
    const mitigatedAt = new Date('2026-03-02T14:10:00Z');
    const outcome = transition(buildIncident({ state: 'mitigated', mitigatedAt }), 'resolved', now, 'UTC');
    expect(outcome).toEqual({ ok: true, patch: { state: 'resolved', resolvedAt: now, mitigatedAt } });
  });

  it('resolving straight from investigating also sets mitigatedAt (impact ended by then)', () => {
    const outcome = transition(buildIncident(), 'resolved', now, 'UTC');
    expect(outcome).toEqual({ ok: true, patch: { state: 'resolved', resolvedAt: now, mitigatedAt: now } });
  });

  it('refuses to resolve twice, saying when it was resolved (in the configured zone)', () => {
    const resolved: Incident = buildIncident({ id: 4, state: 'resolved', resolvedAt: new Date('2026-03-02T14:02:00Z') });
    expect(transition(resolved, 'resolved', now, 'UTC')).toEqual({ ok: false, reason: 'INC-4 is already resolved (at 14:02).' });
    expect(transition(resolved, 'resolved', now, 'Asia/Kolkata')).toEqual({ ok: false, reason: 'INC-4 is already resolved (at 19:32).' });
  });

  it('refuses to mitigate twice and to mitigate a resolved incident', () => {
    const mitigated = buildIncident({ id: 2, state: 'mitigated', mitigatedAt: new Date('2026-03-02T14:05:00Z') });
    expect(transition(mitigated, 'mitigated', now, 'UTC')).toEqual({ ok: false, reason: 'INC-2 is already mitigated (at 14:05).' });
    const resolved = buildIncident({ id: 2, state: 'resolved', resolvedAt: new Date('2026-03-02T14:20:00Z') });
    expect(transition(resolved, 'mitigated', now, 'UTC')).toEqual({ ok: false, reason: 'INC-2 is already resolved (at 14:20); it cannot be marked mitigated.' });
  });

  it('refuses transitions out of the postmortem states', () => {
    expect(transition(buildIncident({ id: 9, state: 'closed' }), 'resolved', now, 'UTC')).toEqual({ ok: false, reason: 'INC-9 is in closed; it cannot be marked resolved.' });
  });

  it('knows which states are open', () => {
    expect(['investigating', 'mitigated', 'resolved', 'postmortem', 'closed'].map((state) => isOpen({ state: state as IncidentState }))).toEqual([true, true, false, false, false]);
  });
});
