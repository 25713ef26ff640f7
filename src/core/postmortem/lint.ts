/**
 * The blameless and SMART review of a draft: suggestions shown before publishing, never a reason to refuse.
 * Pure: the same draft always gives the same findings, in field order.
 */
import type { LintFinding, PostmortemDraft } from './model.js';

/** Wording that points at a person instead of the system. */
const BLAMEFUL: { pattern: RegExp; phrase: string }[] = [
  { pattern: /\bhuman errors?\b/i, phrase: 'human error' },
  { pattern: /\bshould(?:n['’]?t| not)? have\b/i, phrase: 'should have' },
  { pattern: /\bcareless(?:ly|ness)?\b/i, phrase: 'careless' },
  { pattern: /\b(?:at )?fault\b/i, phrase: 'fault' },
  { pattern: /\bblam(?:e|ed|es|ing)\b/i, phrase: 'blame' },
  { pattern: /\bnegligen(?:t|ce|tly)\b/i, phrase: 'negligent' },
  { pattern: /\b(?:sloppy|incompetent|lazy|stupid)\b/i, phrase: 'judgement of a person' },
  { pattern: /\bfailed to (?:notice|check|follow)\b/i, phrase: 'failed to notice/check/follow' },
];

/** Verbs that promise effort rather than an outcome. */
const VAGUE = /\b(?:improve|be more careful|look into|investigate|revisit|consider|try to|monitor better|review|think about|better)\b/i;

/** Something one can check: a number, an alert, a test, a threshold, a dashboard. */
const MEASURABLE = /\d|%|\b(?:alert|alerts|alerting|test|tests|tested|ms|slo|sli|dashboard|runbook|threshold|p\d\d|latency|error rate|page|paged|ci|lint)\b/i;

/** Slack mentions (`<@U…>`) and `@name` handles: people, where a cause must be a system or a process. */
const PERSON = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>|(?<![\w.])@[A-Za-z][\w.-]*/g;

const TEXT_FIELDS = ['summary', 'impact.who', 'impact.what', 'impact.costEstimate', 'rootCause.narrative', 'contributingFactors', 'wentWell', 'wentWrong', 'lessons'] as const;

function textOf(draft: PostmortemDraft, field: (typeof TEXT_FIELDS)[number]): string {
  switch (field) {
    case 'impact.who':
      return draft.impact.who;
    case 'impact.what':
      return draft.impact.what;
    case 'impact.costEstimate':
      return draft.impact.costEstimate ?? '';
    case 'rootCause.narrative':
      return draft.rootCause.narrative;
    default:
      return draft[field];
  }
}

function blameful(field: string, text: string): LintFinding[] {
  return BLAMEFUL.filter(({ pattern }) => pattern.test(text)).map(({ phrase }) => ({
    rule: 'blameful_wording',
    field,
    message: `"${phrase}" points at a person. Describe what in the system or the process allowed it, e.g. "the deploy tool did not ask for confirmation".`,
  }));
}

export const MAX_FOCUSED_ACTION_ITEMS = 5;
const PRIORITIES = new Set(['P0', 'P1', 'P2']);

/**
 * A null due date is defaulted from the priority when publishing, so `no_due_date` is only reported when the
 * priority is missing too (nothing to default from).
 */
export function lintDraft(draft: PostmortemDraft): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const field of TEXT_FIELDS) findings.push(...blameful(field, textOf(draft, field)));
  const people = draft.rootCause.narrative.match(PERSON) ?? [];
  if (people.length > 0) {
    findings.push({
      rule: 'name_in_root_cause',
      field: 'rootCause.narrative',
      message: `The root cause names people (${[...new Set(people)].join(', ')}). Name the system, the change or the missing safeguard instead.`,
    });
  }
  draft.actionItems.forEach((item, i) => {
    const at = `actionItems[${i}]`;
    findings.push(...blameful(`${at}.description`, item.description), ...blameful(`${at}.validation`, item.validation ?? ''));
    if (!item.ownerSlackId) findings.push({ rule: 'no_owner', field: `${at}.ownerSlackId`, message: 'No owner: an action item nobody owns does not get done.' });
    if (!item.dueDate && !PRIORITIES.has(item.priority)) {
      findings.push({ rule: 'no_due_date', field: `${at}.dueDate`, message: 'No due date and no priority to default one from: pick a priority or a date.' });
    }
    if (!item.validation?.trim()) {
      findings.push({ rule: 'no_validation', field: `${at}.validation`, message: 'No validation: say how we will know it works (a test, an alert firing, a metric below a threshold).' });
    }
    const vague = VAGUE.exec(item.description);
    if (vague && !MEASURABLE.test(`${item.description} ${item.validation ?? ''}`)) {
      findings.push({
        rule: 'vague_action',
        field: `${at}.description`,
        message: `"${vague[0]}" has no measurable outcome: add one (an alert, a test, a number, an SLO, a dashboard).`,
      });
    }
  });
  if (draft.actionItems.length > MAX_FOCUSED_ACTION_ITEMS) {
    findings.push({
      rule: 'too_many_actions',
      field: 'actionItems',
      message: `${draft.actionItems.length} action items: focus on the few that matter most (${MAX_FOCUSED_ACTION_ITEMS} or fewer get done more often).`,
    });
  }
  return findings;
}
