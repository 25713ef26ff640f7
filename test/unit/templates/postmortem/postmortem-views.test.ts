import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../../src/core/incident/model.js';
import type { ActionItem, PostmortemDraft } from '../../../../src/core/postmortem/model.js';
import type { PostmortemIssueInput } from '../../../../src/core/ports.js';
import { createTemplateRenderer } from '../../../../src/templates/render.js';
import {
  actionItemSlotIds,
  createPostmortemViews,
  POSTMORTEM_MODAL_CALLBACK_ID,
  POSTMORTEM_MODAL_IDS,
  type PostmortemModalState,
} from '../../../../src/templates/postmortem/index.js';
import { anIncident } from '../support.js';

const HOSTILE = '@acme/everyone <script>alert(1)</script> @octocat';
const views = createPostmortemViews({ renderer: createTemplateRenderer({ timeZone: 'UTC' }), timeZone: 'UTC' });
const start = new Date('2026-11-25T13:52:00Z').getTime();

const event = (i: number, overrides: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id: i,
  incidentId: 42,
  channelId: 'C0WARROOM',
  key: `msg:C0WARROOM:${i}`,
  kind: 'message',
  occurredAt: new Date(start + i * 30_000),
  actor: 'U0SCRIBE',
  text: `Looked at pod ${i} | restarts ${i}\nsecond line`,
  messageTs: null,
  threadTs: null,
  marks: i % 40 === 0 ? ['pin'] : [],
  deleted: false,
  editedAt: null,
  refs: {},
  data: {},
  ...overrides,
});

const item = (n: number, overrides: Partial<ActionItem> = {}): ActionItem => ({
  id: n,
  postmortemId: 1,
  incidentId: 42,
  key: `a${n}`,
  description: `Alert on pool exhaustion ${n}`,
  ownerSlackId: 'U0BOB',
  ownerGithub: 'bob-gh',
  priority: 'P1',
  dueDate: '2026-12-20',
  validation: 'Alert fires',
  repository: 'acme/checkout',
  issueNumber: 100 + n,
  issueUrl: `https://github.com/acme/checkout/issues/${100 + n}`,
  state: n <= 2 ? 'closed' : 'open',
  closedAt: null,
  validationNote: null,
  flaggedUnvalidated: false,
  updatedAt: new Date(),
  ...overrides,
});

const draft: PostmortemDraft = {
  summary: `Checkout failed. ${HOSTILE}`,
  impact: { who: 'EU card payments', what: '20% failed for 40 minutes', costEstimate: '€12k' },
  rootCause: { category: 'config_or_flag', narrative: 'The pool size flag was 0 <img src=x>.' },
  contributingFactors: 'No config canary.',
  wentWell: 'Fast rollback.',
  wentWrong: 'Slow detection.',
  lessons: 'Validate config.',
  actionItems: [],
};

function input(overrides: Partial<PostmortemIssueInput> = {}): PostmortemIssueInput {
  const timeline = Array.from({ length: 240 }, (_, i) => event(i + 1));
  timeline.push(event(241, { kind: 'resolved', actor: 'U0COMMANDER', text: 'Resolved', marks: [] }));
  return {
    incident: anIncident({ title: `Pool exhausted ${HOSTILE}`, state: 'postmortem', mitigatedAt: new Date(start + 40 * 60_000), resolvedAt: new Date(start + 60 * 60_000), links: { pagerduty: 'https://acme.pagerduty.com/incidents/P1' } }),
    draft,
    durations: { toDetect: 3 * 60_000, toAcknowledge: 90_000, toMitigate: 40 * 60_000, toResolve: 60 * 60_000 },
    keyEvents: timeline.filter((e) => e.marks.length > 0 || e.kind === 'resolved'),
    timeline,
    actionItems: Array.from({ length: 6 }, (_, i) => item(i + 1, i === 5 ? { repository: 'acme/infra', description: `Pin ${HOSTILE}` } : {})),
    deployChecks: [
      { id: 7, service: 'checkout', requestedBy: 'U0DEV', origin: 'cli', requestedAt: new Date(start - 3_600_000), risk: {} as never, dimensions: [], slos: [], freezes: [], outcome: { decision: 'PROCEED', reasons: ['Budget healthy'], conditions: [], approvalsRequired: 0 }, approvals: [], override: null },
    ],
    channelUrl: 'https://slack.com/app_redirect?channel=C0WARROOM',
    context: null,
    ...overrides,
  };
}

describe('postmortem issue', () => {
  const { title, body } = views.postmortemIssue(input());

  it('titles it with severity, title and incident id, with mentions broken', () => {
    expect(title).toMatch(/^Postmortem: \[SEV2\] Pool exhausted @\u200Bacme\/everyone .* \(incident #42\)$/);
  });

  it('has every section', () => {
    for (const heading of ['## Summary', '### Impact', '## Metrics', '## What changed', '## Key events', '## Root cause', '## Contributing factors', '## What went well', '## What went wrong', '## Action items', '## Lessons learned', '## Links']) {
      expect(body).toContain(heading);
    }
    expect(body).toContain('Config or feature flag error');
    expect(body).toContain('€12k');
  });

  it('shows the metrics', () => {
    expect(body).toContain('| 3m | 1m | 40m | 1h |');
  });

  it('tables the key events on one line each and folds the full timeline', () => {
    expect(body).toContain('| Wed 25 Nov 14:12 UTC | U0SCRIBE | Looked at pod 40 \\| restarts 40 second line |');
    expect(body).toMatch(/<details>\n<summary>Full timeline \(241 events\)<\/summary>/);
    expect(body).toContain('- Wed 25 Nov 15:52 UTC · U0COMMANDER · Resolved');
    expect(body.indexOf('</details>')).toBeGreaterThan(body.indexOf('Looked at pod 239'));
  });

  it('lists action items as a task list linked to their issues, checked when closed', () => {
    expect(body).toContain('- [x] #101 Alert on pool exhaustion 1 (P1, due 2026-12-20, owner bob-gh)');
    expect(body).toContain('- [ ] #103 Alert on pool exhaustion 3');
    expect(body).toContain('- [ ] acme/infra#106 Pin');
  });

  it('links the war room, the PagerDuty incident and the deploy checks before it', () => {
    expect(body).toContain('Slack war room: https://slack.com/app_redirect?channel=C0WARROOM');
    expect(body).toContain('PagerDuty incident: https://acme.pagerduty.com/incidents/P1');
    expect(body).toContain('deploy check #7: PROCEED (Budget healthy)');
  });

  it('never lets user text mention anyone or inject HTML', () => {
    expect(body).not.toMatch(/@acme\/everyone|@octocat/);
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;script&gt;');
    expect(body.length).toBeLessThan(65_536);
  });
});

describe('postmortem issue: what changed', () => {
  const section = (body: string): string => body.slice(body.indexOf('## What changed'), body.indexOf('## Key events'));
  const context: NonNullable<PostmortemIssueInput['context']> = {
    errorsRoseAt: new Date('2026-11-25T13:49:00Z'),
    topSuspect: { kind: 'pull_request', title: `PR #812 Fix [pool] size ${HOSTILE}`, link: 'https://github.com/acme/checkout/pull/812', at: new Date('2026-11-25T13:31:00Z') },
    rolledBack: 'checkout-api in shop on prod-us: revision 42 (registry/checkout:v242), rolled back to revision 41 (registry/checkout:v241) (mitigation #3)',
    changeToDetectionMs: 21 * 60_000,
  };

  it('says when errors rose, links the top suspect, names the rollback and the time from change to detection', () => {
    const text = section(views.postmortemIssue(input({ context })).body);
    expect(text).toContain('- **Errors rose:** Wed 25 Nov 13:49 UTC');
    expect(text).toMatch(/- \*\*Top suspect:\*\* \[PR #812 Fix \\\[pool\\\] size @\u200Bacme\/everyone &lt;script&gt;.*\]\(https:\/\/github\.com\/acme\/checkout\/pull\/812\) \(pull request, Wed 25 Nov 13:31 UTC\)/);
    expect(text).toContain('- **Rolled back:** checkout-api in shop on prod-us: revision 42 (registry/checkout:v242), rolled back to revision 41');
    expect(text).toContain('- **Change to detection:** 21m from the change to the declaration');
    expect(text).not.toContain('<script>');
  });

  it('shows what is unknown, drops links that are not http(s), and says so when there was no snapshot', () => {
    const partial = section(
      views.postmortemIssue(input({ context: { errorsRoseAt: null, topSuspect: { ...context.topSuspect!, link: 'javascript:alert(1)' }, rolledBack: null, changeToDetectionMs: null } })).body,
    );
    expect(partial).toContain("- **Errors rose:** no rise above yesterday's baseline was seen");
    expect(partial).toContain('- **Top suspect:** PR #812');
    expect(partial).not.toContain('javascript:');
    expect(partial).toContain('- **Rolled back:** nothing');
    expect(partial).toContain('- **Change to detection:** —');
    const none = section(views.postmortemIssue(input()).body);
    expect(none).toContain('_No context snapshot was taken and nothing was rolled back._');
    expect(none).not.toContain('Top suspect');
  });
});

describe('action-item issue', () => {
  it('carries owner, due date, priority meaning, validation and the link to the postmortem', () => {
    const { title, body } = views.actionItemIssue({ incident: anIncident(), item: item(1, { description: `Alert ${HOSTILE}` }), postmortemIssue: { url: 'https://github.com/acme/checkout/issues/9', number: 9 } });
    expect(title).toContain('Alert @\u200Bacme/everyone');
    expect(body).toContain('| **Owner** | bob-gh |');
    expect(body).toContain('| **Due** | 2026-12-20 |');
    expect(body).toContain('P1: improve detection');
    expect(body).toContain('How we will know it works: Alert fires');
    expect(body).toContain('Postmortem: https://github.com/acme/checkout/issues/9');
    expect(body).not.toContain('<script>');
  });
});

describe('postmortem modal', () => {
  it('round-trips a draft through the modal state', () => {
    const original: PostmortemDraft = {
      ...draft,
      actionItems: [
        { key: 'a1', description: 'Alert on pool', ownerSlackId: 'U0BOB', priority: 'P0', dueDate: '2026-12-01', validation: 'fires' },
        { key: 'a2', description: 'Runbook', ownerSlackId: null, priority: 'P2', dueDate: null, validation: null },
      ],
    };
    const view = views.postmortemModal({ incident: anIncident(), draft: original });
    expect(view).toMatchObject({ callback_id: POSTMORTEM_MODAL_CALLBACK_ID, private_metadata: '42' });
    expect(view.blocks.length).toBeLessThanOrEqual(100);

    // What Slack sends back when nothing is changed: each element's initial value.
    const values: PostmortemModalState = {};
    for (const block of view.blocks as { type: string; block_id?: string; element?: Record<string, unknown> }[]) {
      if (block.type !== 'input' || !block.block_id || !block.element) continue;
      const el = block.element;
      const state = {
        value: (el.initial_value as string | undefined) ?? null,
        selected_option: (el.initial_option as { value: string } | undefined) ?? null,
        selected_user: (el.initial_user as string | undefined) ?? null,
        selected_date: (el.initial_date as string | undefined) ?? null,
      };
      values[block.block_id] = { [el.action_id as string]: state };
    }
    expect(values[POSTMORTEM_MODAL_IDS.summary.block]).toBeDefined();
    expect(values[actionItemSlotIds(7).description.block]).toBeDefined();
    expect(views.readPostmortemModal(values)).toEqual(original);
  });
});

describe('postmortem review', () => {
  it('lists suggestions with their fields and offers Publish and Edit', () => {
    const postmortem = { id: 1, incidentId: 42, draft, repository: null, issueNumber: null, issueUrl: null, publishedAt: null, updatedAt: new Date(), updatedBy: 'U0A' };
    const msg = views.postmortemReview(postmortem, [{ rule: 'no_owner', field: 'actionItems[0].ownerSlackId', message: 'No owner.' }]);
    const json = JSON.stringify(msg.blocks);
    expect(json).toContain('actionItems[0].ownerSlackId');
    expect(json).toContain('"action_id":"postmortem_publish","value":"42"');
    expect(json).toContain('"action_id":"postmortem_edit_open","value":"42"');
  });
});
