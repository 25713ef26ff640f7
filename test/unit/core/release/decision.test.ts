import { describe, expect, it } from 'vitest';
import { decide, type DecideInput } from '../../../../src/core/release/decision.js';
import type { Override } from '../../../../src/core/release/model.js';
import { dim, freeze, matrix, slo, unknownSlo } from './builders.js';

const REVIEW = ['Change review board approval', 'Deploy in a maintenance window', 'Written rollback plan', 'On-call standing by'];
const override: Override = { userId: 'U0OVERRIDE', reason: 'hotfix for the payment outage', at: new Date('2026-10-22T10:00:00Z') };

const input = (extra: Partial<DecideInput> = {}): DecideInput => ({
  dimensions: matrix(),
  slos: [slo('availability', 0.0002)],
  freezes: [],
  unknownCountsAs: 'REVIEW',
  override: null,
  ...extra,
});

describe('the risk matrix', () => {
  it('all low: PROCEED with a progressive rollout and one approval', () => {
    expect(decide(input())).toEqual({
      decision: 'PROCEED',
      reasons: ['Every dimension is low risk.'],
      conditions: ['Progressive rollout'],
      approvalsRequired: 1,
    });
  });

  it('any medium: CAUTION with an extended canary, business hours only and two approvals', () => {
    const dimensions = matrix({ reversibility: 'medium' });
    dimensions[1] = { ...dimensions[1]!, value: 'fast', why: 'rollback takes under 15 minutes' };
    expect(decide(input({ dimensions }))).toEqual({
      decision: 'CAUTION',
      reasons: ['Reversibility is medium risk: fast (rollback takes under 15 minutes).'],
      conditions: ['Extended canary: 24 h instead of 4 h', 'Deploy during business hours only'],
      approvalsRequired: 2,
    });
  });

  it('any high: REVIEW (board, maintenance window, rollback plan, on-call), high reasons before medium ones', () => {
    const outcome = decide(input({ dimensions: matrix({ time_of_week: 'medium', test_coverage: 'high' }) }));
    expect(outcome).toEqual({
      decision: 'REVIEW',
      reasons: ['Test coverage is high risk: 95% (high test_coverage).', 'Time of week is medium risk: Tue 10:00 Europe/Berlin (medium time_of_week).'],
      conditions: REVIEW,
      approvalsRequired: 2,
    });
  });

  it('two or more high: BLOCKED, not this week', () => {
    const outcome = decide(input({ dimensions: matrix({ blast_radius: 'high', test_coverage: 'high', reversibility: 'medium' }) }));
    expect(outcome.decision).toBe('BLOCKED');
    expect(outcome.reasons[0]).toBe('2 dimensions are high risk (blast radius and test coverage): not this week.');
    expect(outcome.reasons).toContain('Blast radius is high risk: namespace (high blast_radius).');
    expect(outcome.reasons).toContain('Reversibility is medium risk: instant (medium reversibility).');
    expect(outcome.conditions).toEqual(['Not this week: split the change, raise coverage first']);
    expect(outcome.approvalsRequired).toBe(2);
    expect(decide(input({ dimensions: matrix({ blast_radius: 'high', test_coverage: 'high', time_of_week: 'high' }) })).reasons[0]).toBe(
      '3 dimensions are high risk (blast radius, test coverage and time of week): not this week.',
    );
  });
});

describe('blocked whatever the matrix says', () => {
  it('a freezing incident on the service beats PROCEED, naming the incident and severity', () => {
    const outcome = decide(input({ freezes: [freeze()] }));
    expect(outcome).toEqual({
      decision: 'BLOCKED',
      reasons: ['Open incident #42 (SEV1: "Checkout returns 500s") is on this service, and SEV1 freezes deploys.'],
      conditions: ['Wait until incident #42 is resolved or no longer at a severity that freezes deploys'],
      approvalsRequired: 2,
    });
  });

  it('a global freezing incident blocks too', () => {
    const outcome = decide(input({ freezes: [freeze({ incidentId: 7, severity: 'SEV2', title: 'Region eu-west down', onService: false })] }));
    expect(outcome.decision).toBe('BLOCKED');
    expect(outcome.reasons[0]).toBe('Open global incident #7 (SEV2: "Region eu-west down") freezes deploys on every service (SEV2).');
  });

  it('an exhausted budget beats CAUTION, with the SRE Workbook policy', () => {
    const outcome = decide(input({ dimensions: matrix({ time_of_week: 'medium' }), slos: [slo('availability', 0.0002), slo('latency', 0.0015)] }));
    expect(outcome.decision).toBe('BLOCKED');
    expect(outcome.reasons[0]).toBe(
      'The error budget of SLO latency is exhausted (overspent by 50%): changes halt except P0 and security fixes until the service is back within its SLO.',
    );
    expect(outcome.conditions).toEqual(['Halt changes except P0 and security fixes until the service is back within its SLO']);
  });

  it('a budget at exactly zero is exhausted', () => {
    const outcome = decide(input({ slos: [slo('availability', 0.001)] }));
    expect(outcome.decision).toBe('BLOCKED');
    expect(outcome.reasons[0]).toContain('is exhausted (nothing left)');
  });

  it('a page-level burn right now blocks; a ticket-level one does not', () => {
    const paging = slo('availability', 0.0002, { alert: { level: 'page', rule: '1h and 5m both burning above 14.4× the sustainable rate' } });
    const outcome = decide(input({ slos: [paging] }));
    expect(outcome.decision).toBe('BLOCKED');
    expect(outcome.reasons[0]).toBe('SLO availability is burning its error budget at page level right now: 1h and 5m both burning above 14.4× the sustainable rate.');
    expect(outcome.conditions).toEqual(['Wait until SLO availability no longer burns at page level']);
    const ticket = slo('availability', 0.0002, { alert: { level: 'ticket', rule: '1d and 2h both burning above 3× the sustainable rate' } });
    expect(decide(input({ slos: [ticket] })).decision).toBe('PROCEED');
  });

  it('lists every block, freeze first, and each condition once', () => {
    const outcome = decide(
      input({
        dimensions: matrix({ blast_radius: 'high', reversibility: 'high' }),
        slos: [slo('availability', 0.0015), slo('latency', 0.002)],
        freezes: [freeze()],
      }),
    );
    expect(outcome.decision).toBe('BLOCKED');
    expect(outcome.reasons.slice(0, 4)).toEqual([
      expect.stringContaining('incident #42'),
      expect.stringContaining('SLO availability is exhausted'),
      expect.stringContaining('SLO latency is exhausted'),
      expect.stringContaining('2 dimensions are high risk'),
    ]);
    expect(outcome.conditions).toEqual([
      'Wait until incident #42 is resolved or no longer at a severity that freezes deploys',
      'Halt changes except P0 and security fixes until the service is back within its SLO',
      'Not this week: split the change, raise coverage first',
    ]);
  });
});

describe('UNKNOWN', () => {
  it('says what is unknown and why, and counts as REVIEW by default', () => {
    const dimensions = matrix({ error_budget: null });
    dimensions[3] = { ...dimensions[3]!, value: 'unknown', why: 'no SLOs configured for checkout' };
    const outcome = decide(input({ dimensions, slos: [] }));
    expect(outcome).toEqual({
      decision: 'UNKNOWN',
      reasons: ['Error budget is unknown: no SLOs configured for checkout.', 'Until that is known, this check counts as REVIEW.'],
      conditions: REVIEW,
      approvalsRequired: 2,
    });
  });

  it('names each untrustworthy SLO once, not again through the error budget row', () => {
    const slos = [unknownSlo('availability', 'Prometheus failed: connect ECONNREFUSED 127.0.0.1:9090'), unknownSlo('latency', 'only 3 days of history for a 30d window')];
    const outcome = decide(input({ dimensions: matrix({ error_budget: null }), slos }));
    expect(outcome.decision).toBe('UNKNOWN');
    expect(outcome.reasons).toEqual([
      'The numbers of SLO availability cannot be trusted: Prometheus failed: connect ECONNREFUSED 127.0.0.1:9090.',
      'The numbers of SLO latency cannot be trusted: only 3 days of history for a 30d window.',
      'Until that is known, this check counts as REVIEW.',
    ]);
  });

  it('is UNKNOWN when one SLO is untrustworthy even if another has numbers', () => {
    const outcome = decide(input({ slos: [slo('availability', 0.0002), unknownSlo('latency', 'no traffic over 30d')] }));
    expect(outcome.decision).toBe('UNKNOWN');
    expect(outcome.reasons[0]).toBe('The numbers of SLO latency cannot be trusted: no traffic over 30d.');
  });

  it('counted as BLOCKED: BLOCKED conditions, still UNKNOWN on record', () => {
    const outcome = decide(input({ dimensions: matrix({ error_budget: null }), slos: [unknownSlo('availability', 'stale')], unknownCountsAs: 'BLOCKED' }));
    expect(outcome).toEqual({
      decision: 'UNKNOWN',
      reasons: ['The numbers of SLO availability cannot be trusted: stale.', 'Until that is known, this check counts as BLOCKED.'],
      conditions: ['Do not deploy until the numbers can be trusted: fix what is unknown and run the check again'],
      approvalsRequired: 2,
    });
  });

  it('beats REVIEW and CAUTION from the matrix, keeping their reasons', () => {
    const outcome = decide(input({ dimensions: matrix({ error_budget: null, test_coverage: 'high' }), slos: [] }));
    expect(outcome.decision).toBe('UNKNOWN');
    expect(outcome.reasons).toContain('Test coverage is high risk: 95% (high test_coverage).');
    expect(outcome.conditions).toEqual(REVIEW);
  });

  it('loses to BLOCKED: a freeze, an exhausted budget or two highs', () => {
    const unknownRows = { dimensions: matrix({ error_budget: null }), slos: [unknownSlo('availability', 'stale')] };
    const frozen = decide(input({ ...unknownRows, freezes: [freeze()] }));
    expect(frozen.decision).toBe('BLOCKED');
    expect(frozen.reasons[0]).toContain('incident #42');
    expect(frozen.reasons).toContain('The numbers of SLO availability cannot be trusted: stale.');
    expect(decide(input({ ...unknownRows, slos: [unknownSlo('availability', 'stale'), slo('latency', 0.0015)] })).decision).toBe('BLOCKED');
    expect(decide(input({ dimensions: matrix({ error_budget: null, blast_radius: 'high', reversibility: 'high' }), slos: [] })).decision).toBe('BLOCKED');
  });

  it('does not trust an exhausted budget computed from untrustworthy numbers', () => {
    const few = slo('availability', 0.1, { unknown: 'only 10 requests over 30d, fewer than the 1000 needed for a trustworthy ratio' });
    expect(few.budget?.exhausted).toBe(true);
    expect(decide(input({ slos: [few] })).decision).toBe('UNKNOWN');
  });
});

describe('break glass', () => {
  it('keeps BLOCKED on record, adds who and why after the main reason, and what breaking glass requires', () => {
    const outcome = decide(input({ freezes: [freeze()], override }));
    expect(outcome).toEqual({
      decision: 'BLOCKED',
      reasons: [
        'Open incident #42 (SEV1: "Checkout returns 500s") is on this service, and SEV1 freezes deploys.',
        'Overridden by <@U0OVERRIDE>: hotfix for the payment outage.',
      ],
      conditions: [
        'Wait until incident #42 is resolved or no longer at a severity that freezes deploys',
        'On-call standing by',
        'Announce the override in the channel of incident #42',
      ],
      approvalsRequired: 2,
    });
  });

  it('asks for an announcement in the incident channel when no freezing incident is known', () => {
    const outcome = decide(input({ dimensions: matrix({ blast_radius: 'high', reversibility: 'high' }), override }));
    expect(outcome.reasons[1]).toBe('Overridden by <@U0OVERRIDE>: hotfix for the payment outage.');
    expect(outcome.conditions).toContain('Announce the override in the incident channel if an incident is open');
  });

  it('applies to UNKNOWN counted as BLOCKED, not to UNKNOWN counted as REVIEW', () => {
    const unknownRows = { dimensions: matrix({ error_budget: null }), slos: [unknownSlo('availability', 'stale')], override };
    const asBlocked = decide(input({ ...unknownRows, unknownCountsAs: 'BLOCKED' }));
    expect(asBlocked.decision).toBe('UNKNOWN');
    expect(asBlocked.reasons[1]).toBe('Overridden by <@U0OVERRIDE>: hotfix for the payment outage.');
    expect(asBlocked.conditions).toContain('On-call standing by');
    const asReview = decide(input({ ...unknownRows, unknownCountsAs: 'REVIEW' }));
    expect(asReview.reasons.join(' ')).not.toContain('Overridden');
  });

  it('changes nothing when the decision is not blocked', () => {
    expect(decide(input({ override }))).toEqual(decide(input()));
    expect(decide(input({ dimensions: matrix({ test_coverage: 'high' }), override }))).toEqual(decide(input({ dimensions: matrix({ test_coverage: 'high' }) })));
  });

  it('names the incidents to announce in when several freeze', () => {
    const outcome = decide(input({ freezes: [freeze(), freeze({ incidentId: 7, onService: false })], override }));
    expect(outcome.conditions).toContain('Announce the override in the channel of incident #42 and #7');
    // The override comes right after the main reason, so a short view still shows it.
    expect(outcome.reasons).toEqual([
      expect.stringContaining('incident #42'),
      'Overridden by <@U0OVERRIDE>: hotfix for the payment outage.',
      expect.stringContaining('global incident #7'),
    ]);
  });
});

describe('dimension reasons', () => {
  it('use the row as shown', () => {
    const outcome = decide(input({ dimensions: [dim('blast_radius', 'high', 'the whole cluster or all nodes')] }));
    expect(outcome.reasons).toEqual(['Blast radius is high risk: namespace (the whole cluster or all nodes).']);
  });
});
