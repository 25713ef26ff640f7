/**
 * The postmortem and action-item issues (GitHub markdown). Wording lives in hbs/postmortem.md.hbs and
 * hbs/action-item.md.hbs (overridable); user text goes through the `md` helper there, and table cells are
 * made single-line here first. GitHub caps an issue body at 65,536 characters, so the folded timeline is cut.
 */
import type { TimelineEvent } from '../../core/incident/model.js';
import type { SeverityPolicy } from '../../core/incident/settings.js';
import type { ChangeKind } from '../../core/context/model.js';
import type { ActionItemIssueInput, PostmortemIssueInput } from '../../core/ports.js';
import type { ActionPriority, RootCauseCategory } from '../../core/postmortem/model.js';
import { truncate } from '../blocks/kit.js';
import type { TemplateRenderer } from '../render.js';

export const ROOT_CAUSE_LABELS: Record<RootCauseCategory, string> = {
  code_defect: 'Code defect',
  config_or_flag: 'Config or feature flag error',
  capacity: 'Capacity',
  dependency_or_external: 'Dependency or external',
  data: 'Data',
  deploy_or_change: 'Deploy or change',
  unknown: 'Unknown',
};

export const PRIORITY_MEANINGS: Record<ActionPriority, string> = {
  P0: 'prevent recurrence',
  P1: 'improve detection',
  P2: 'improve response',
};

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  deploy_check: 'deploy check',
  rollout: 'rollout',
  github_deployment: 'GitHub deployment',
  release: 'release',
  pull_request: 'pull request',
  config: 'config change',
};

/** Room left for everything but the folded timeline. */
const TIMELINE_BUDGET = 45_000;
const ENTRY_MAX = 400;
const TITLE_MAX = 240;

/** One line, no table breaks: `|` escaped, whitespace collapsed. */
export const cell = (text: string, max = ENTRY_MAX): string => truncate(text.replace(/\s+/g, ' ').trim(), max).replace(/\|/g, '\\|');

/** Issue titles are plain text: only @-mentions need breaking (GitHub shows entities literally there). */
export const plainTitle = (text: string): string => text.replace(/\s+/g, ' ').trim().replace(/@(?=[A-Za-z0-9])/g, '@\u200B');

/** The "What changed" section: link text made safe for `[…](…)`, and only http(s) links kept. */
function whatChanged(context: PostmortemIssueInput['context']) {
  if (!context) return null;
  const suspect = context.topSuspect;
  return {
    errorsRoseAt: context.errorsRoseAt,
    topSuspect: suspect && {
      title: cell(suspect.title, TITLE_MAX).replace(/[[\]]/g, '\\$&'),
      link: suspect.link && /^https?:\/\/[^\s()<>]+$/.test(suspect.link) ? suspect.link : null,
      kind: CHANGE_KIND_LABELS[suspect.kind] ?? suspect.kind,
      at: suspect.at,
    },
    rolledBack: context.rolledBack === null ? null : cell(context.rolledBack),
    changeToDetectionMs: context.changeToDetectionMs,
  };
}

const entry = (e: TimelineEvent) => ({ at: e.occurredAt, actor: cell(e.actor ?? 'warroom', 60), text: cell(e.deleted ? '(deleted)' : e.text || e.kind) });

function foldedTimeline(events: TimelineEvent[]) {
  const lines: ReturnType<typeof entry>[] = [];
  let used = 0;
  for (const event of events) {
    const line = entry(event);
    used += line.text.length + line.actor.length + 40;
    if (used > TIMELINE_BUDGET) break;
    lines.push(line);
  }
  return { total: events.length, lines, omitted: events.length - lines.length };
}

export function createPostmortemIssueViews(renderer: TemplateRenderer, severities: readonly SeverityPolicy[] = []) {
  return {
    postmortemIssue(input: PostmortemIssueInput): { title: string; body: string } {
      const { incident, draft } = input;
      const postmortemRepo = input.actionItems[0]?.repository;
      const body = renderer.render('postmortem.md', {
        incident,
        draft,
        durations: input.durations,
        severityLabel: severities.find((s) => s.name.toLowerCase() === incident.severity.toLowerCase())?.label ?? null,
        startedAt: incident.startedAt,
        rootCauseLabel: ROOT_CAUSE_LABELS[draft.rootCause.category] ?? draft.rootCause.category,
        hasImpact: Boolean(draft.impact.who || draft.impact.what || draft.impact.costEstimate),
        keyEvents: input.keyEvents.map(entry),
        timeline: foldedTimeline(input.timeline),
        actionItems: input.actionItems.map((item) => ({
          ref: item.repository === postmortemRepo ? `#${item.issueNumber}` : `${item.repository}#${item.issueNumber}`,
          closed: item.state === 'closed',
          description: cell(item.description),
          priority: item.priority,
          dueDate: item.dueDate,
          owner: item.ownerGithub ?? null,
        })),
        channelUrl: input.channelUrl,
        context: whatChanged(input.context),
        pagerduty: incident.links.pagerduty ?? null,
        deployChecks: input.deployChecks.map((c) => ({ at: c.requestedAt, id: c.id, decision: c.outcome.decision, reason: c.outcome.reasons[0] ?? null })),
      });
      return { title: truncate(`Postmortem: [${plainTitle(incident.severity)}] ${plainTitle(incident.title)} (incident #${incident.id})`, TITLE_MAX), body };
    },

    actionItemIssue(input: ActionItemIssueInput): { title: string; body: string } {
      const { item } = input;
      const body = renderer.render('action-item.md', {
        incident: input.incident,
        item,
        owner: item.ownerGithub ?? (item.ownerSlackId ? `Slack user ${item.ownerSlackId}` : null),
        priorityMeaning: PRIORITY_MEANINGS[item.priority],
        postmortemIssue: input.postmortemIssue,
      });
      return { title: truncate(plainTitle(item.description.split('\n')[0] ?? item.description), TITLE_MAX), body };
    },
  };
}
