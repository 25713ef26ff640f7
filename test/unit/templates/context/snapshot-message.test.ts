import { describe, expect, it } from 'vitest';
import type { Change, ContextSnapshot } from '../../../../src/core/context/model.js';
import type { ChatMessage } from '../../../../src/core/ports.js';
import { createContextViews } from '../../../../src/templates/context/index.js';

const views = createContextViews({ timeZone: 'UTC' });
const NOW = new Date('2026-03-02T14:00:00Z');
const text = (m: ChatMessage) => JSON.stringify(m.blocks);
type AnyBlock = { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] };
const blocks = (m: ChatMessage) => m.blocks as AnyBlock[];

function change(overrides: Partial<Change> = {}): Change {
  return { kind: 'pull_request', at: new Date('2026-03-02T13:30:00Z'), title: 'PR #812', link: 'https://github.example/pr/812', author: 'octo', rollback: null, ...overrides };
}

function snapshot(overrides: Partial<ContextSnapshot> = {}): ContextSnapshot {
  return { incidentId: 7, service: 'checkout', generatedAt: NOW, since: new Date('2026-03-01T14:00:00Z'), signals: null, changes: null, people: null, suspects: null, problems: [], complete: false, ...overrides };
}

describe('context snapshot view', () => {
  it('shows "gathering…" for every section still missing', () => {
    const m = views.snapshot(snapshot());
    expect(text(m).match(/gathering…/g)?.length).toBe(4);
    expect(m.text).toContain('Gathering context for checkout');
  });

  it('shows the rise, each problem on one line, and a Roll back button for a rollout suspect', () => {
    const rollout = change({ kind: 'rollout', title: 'checkout-api revision 42', link: null, author: null, rollback: { cluster: 'prod', namespace: 'shop', deployment: 'checkout-api', toRevision: 41 } });
    const m = views.snapshot(snapshot({
      complete: true,
      signals: { errorRatio5m: 0.05, errorRatio1h: 0.02, errorRatio1hYesterday: 0.002, latencyP99Now: 0.8, latencyP99Yesterday: 0.2, slos: [], errorsRoseAt: new Date('2026-03-02T13:49:00Z') },
      changes: [rollout, change()],
      people: { onCall: [{ level: 1, name: 'Priya', slackUserId: 'U0PRIYA', until: null }], otherOpenIncidents: [], freezes: [] },
      suspects: [{ change: rollout, minutesBeforeRise: 7, rank: 1 }, { change: change(), minutesBeforeRise: 19, rank: 2 }],
      problems: [{ source: 'github', kind: 'timeout', message: 'GitHub: no answer within 5 s' }, { source: 'pagerduty', kind: 'not_configured', message: 'On call: set PAGERDUTY_TOKEN' }],
    }));
    const all = text(m);
    expect(all).toContain('errors rose at 13:49 UTC');
    expect(all).toContain('5.00%');
    expect(all).toContain('800 ms');
    expect(all).toContain('<@U0PRIYA>');
    expect(all).toContain('<https://github.example/pr/812|PR #812>');
    expect(all).toContain('GitHub: no answer within 5 s\\n');
    expect(all).toContain('On call: set PAGERDUTY_TOKEN');
    const rollbackButtons = blocks(m).flatMap((b) => b.elements ?? []).filter((e) => e.action_id === 'context_rollback');
    expect(rollbackButtons).toHaveLength(1);
    expect(JSON.parse(rollbackButtons[0]!.value)).toEqual({ cluster: 'prod', namespace: 'shop', deployment: 'checkout-api', toRevision: 41 });
  });

  it('escapes titles and authors, and caps long change lists with "and N more"', () => {
    const many = Array.from({ length: 40 }, (_, i) => change({ title: `<!channel> *fix* ${i}`, author: 'mallory @here', link: null }));
    const m = views.snapshot(snapshot({ complete: true, changes: many }));
    const all = text(m);
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).not.toMatch(/@here/);
    expect(all).toContain('and 25 more');
    expect(blocks(m).length).toBeLessThanOrEqual(50);
    for (const b of blocks(m)) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
  });

  it('says why there are no suspects, and "not available" once complete', () => {
    const noRise = views.snapshot(snapshot({ complete: true, suspects: [], signals: { errorRatio5m: 0, errorRatio1h: 0, errorRatio1hYesterday: 0, latencyP99Now: null, latencyP99Yesterday: null, slos: [], errorsRoseAt: null } }));
    expect(text(noRise)).toContain('No error rise found, so no suspects.');
    expect(text(noRise)).toContain('not available');
    expect(text(noRise)).not.toContain('gathering…');
  });
});
