import { describe, expect, it } from 'vitest';
import { lintDraft } from '../../../../src/core/postmortem/lint.js';
import type { ActionItemDraft, PostmortemDraft } from '../../../../src/core/postmortem/model.js';

const item = (overrides: Partial<ActionItemDraft> = {}): ActionItemDraft => ({
  key: 'a1',
  description: 'Alert when checkout 5xx exceeds 2% for 5 minutes',
  ownerSlackId: 'U0OWNER',
  priority: 'P1',
  dueDate: null,
  validation: 'The alert fires in the staging game day',
  ...overrides,
});

const draft = (overrides: Partial<PostmortemDraft> = {}): PostmortemDraft => ({
  summary: 'Checkout returned 500s for 40 minutes after a config push.',
  impact: { who: 'EU card payments', what: '20% failed', costEstimate: null },
  rootCause: { category: 'config_or_flag', narrative: 'The pool size flag was set to 0 and nothing validated it.' },
  contributingFactors: 'No canary for config.',
  wentWell: 'Rollback took 3 minutes.',
  wentWrong: 'Detection took 20 minutes.',
  lessons: 'Config needs the same checks as code.',
  actionItems: [item()],
  ...overrides,
});

const rules = (d: PostmortemDraft) => lintDraft(d).map((f) => `${f.rule}@${f.field}`);

describe('postmortem lint', () => {
  it('finds nothing in a blameless, specific draft', () => {
    expect(lintDraft(draft())).toEqual([]);
  });

  it('flags blameful wording in every text field, naming the field', () => {
    const found = rules(
      draft({
        summary: 'Caused by human error.',
        impact: { who: 'users', what: 'it was negligent', costEstimate: 'Bob is to blame' },
        wentWrong: 'Alice should have checked.',
        lessons: 'Do not be careless.',
        contributingFactors: 'The operator was at fault.',
        actionItems: [item({ description: 'Stop the careless deploys with a test gate' })],
      }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'blameful_wording@summary',
        'blameful_wording@impact.what',
        'blameful_wording@impact.costEstimate',
        'blameful_wording@wentWrong',
        'blameful_wording@lessons',
        'blameful_wording@contributingFactors',
        'blameful_wording@actionItems[0].description',
      ]),
    );
    expect(found.filter((f) => f.startsWith('blameful_wording@'))).toHaveLength(7);
  });

  it('flags people named in the root cause (Slack mentions and @handles), not elsewhere', () => {
    const findings = lintDraft(draft({ rootCause: { category: 'unknown', narrative: 'The deploy by <@U0BOB> and @carol broke the pool.' }, wentWell: '@dave helped' }));
    expect(findings.map((f) => `${f.rule}@${f.field}`)).toEqual(['name_in_root_cause@rootCause.narrative']);
    expect(findings[0]?.message).toContain('<@U0BOB>');
    expect(findings[0]?.message).toContain('@carol');
  });

  it('flags action items without owner or validation, per item', () => {
    expect(rules(draft({ actionItems: [item(), item({ key: 'a2', ownerSlackId: null, validation: null })] }))).toEqual([
      'no_owner@actionItems[1].ownerSlackId',
      'no_validation@actionItems[1].validation',
    ]);
  });

  it('flags a missing due date only when there is no priority to default from', () => {
    expect(rules(draft({ actionItems: [item({ dueDate: null, priority: 'P0' })] }))).toEqual([]);
    expect(rules(draft({ actionItems: [item({ dueDate: null, priority: undefined as never })] }))).toEqual(['no_due_date@actionItems[0].dueDate']);
  });

  it('flags vague verbs unless a measurable criterion comes with them', () => {
    expect(rules(draft({ actionItems: [item({ description: 'Improve monitoring', validation: 'We feel better' })] }))).toEqual(['vague_action@actionItems[0].description']);
    expect(rules(draft({ actionItems: [item({ description: 'Be more careful with config', validation: 'Nobody forgets' })] }))).toEqual(['vague_action@actionItems[0].description']);
    expect(rules(draft({ actionItems: [item({ description: 'Look into the pool', validation: 'Understood' })] }))).toEqual(['vague_action@actionItems[0].description']);
    expect(rules(draft({ actionItems: [item({ description: 'Improve monitoring', validation: 'An alert pages within 5 minutes' })] }))).toEqual([]);
    expect(rules(draft({ actionItems: [item({ description: 'Improve p99 latency below 300 ms', validation: 'SLO dashboard green' })] }))).toEqual([]);
  });

  it('adds a focus hint past five action items', () => {
    const six = Array.from({ length: 6 }, (_, i) => item({ key: `a${i + 1}` }));
    expect(rules(draft({ actionItems: six }))).toEqual(['too_many_actions@actionItems']);
    expect(rules(draft({ actionItems: six.slice(0, 5) }))).toEqual([]);
  });
});
