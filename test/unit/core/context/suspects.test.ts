import { describe, expect, it } from 'vitest';
import type { Change } from '../../../../src/core/context/model.js';
import { rankSuspects } from '../../../../src/core/context/suspects.js';

const RISE = new Date('2026-03-02T13:49:00Z');
const at = (minutesBefore: number) => new Date(RISE.getTime() - minutesBefore * 60_000);
const change = (kind: Change['kind'], minutesBefore: number, title: string): Change => ({ kind, at: at(minutesBefore), title, link: null, author: null, rollback: null });

const CHANGES: Change[] = [
  change('pull_request', 12, 'PR #812'),
  change('deploy_check', 40, 'too early'),
  change('config', 3, 'config hash'),
  change('rollout', 12, 'checkout revision 42'),
  change('release', -5, 'after the rise'),
  change('github_deployment', 30, 'at the window edge'),
];

describe('rankSuspects', () => {
  it('keeps changes within the window before the rise, closest first, rollouts first on a tie', () => {
    const suspects = rankSuspects(CHANGES, RISE, 30);
    expect(suspects.map((s) => [s.rank, s.change.title, s.minutesBeforeRise])).toEqual([
      [1, 'config hash', 3],
      [2, 'checkout revision 42', 12],
      [3, 'PR #812', 12],
      [4, 'at the window edge', 30],
    ]);
  });

  it('never suspects a change after the rise, nor one outside the window', () => {
    const titles = rankSuspects(CHANGES, RISE, 30).map((s) => s.change.title);
    expect(titles).not.toContain('after the rise');
    expect(titles).not.toContain('too early');
  });

  it('has no suspects without a rise', () => {
    expect(rankSuspects(CHANGES, null, 30)).toEqual([]);
  });
});
