/**
 * The page must draw everything the bot sends. Statically: every Block Kit type literal in the bot's sources
 * is renderable. Dynamically: real messages and modals from the bot's template builders render without
 * an unsupported marker, and submitted modals read back through the bot's own readers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES, defaultIncidentSettings } from '../../../../src/config/defaults.js';
import type { Mitigation } from '../../../../src/core/mitigation/model.js';
import type { ActionItem, PostmortemDraft } from '../../../../src/core/postmortem/model.js';
import type { DeployCheck } from '../../../../src/core/release/model.js';
import {
  BLOCK_KIT_TYPES,
  RENDERABLE_BLOCK_TYPES,
  RENDERABLE_ELEMENT_TYPES,
  renderMessageBody,
  renderModal,
  viewStateValues,
} from '../../../../src/playground/web/render/index.js';
import { actionItemDoneModal, actionItemRescheduleModal } from '../../../../src/templates/blocks/action-item-modals.js';
import { createContextViews } from '../../../../src/templates/context/index.js';
import { deployCheckMessage } from '../../../../src/templates/deploy-check/index.js';
import { createFollowupViews } from '../../../../src/templates/followup/index.js';
import { buildDeclareModal, DECLARE_MODAL_IDS, readDeclareModal } from '../../../../src/templates/index.js';
import { createMitigationViews } from '../../../../src/templates/mitigation/index.js';
import { actionItemSlotIds, POSTMORTEM_MODAL_IDS, postmortemModal, readPostmortemModal } from '../../../../src/templates/postmortem/index.js';
import { createTemplateRenderer } from '../../../../src/templates/render.js';
import { newDeployCheck } from '../../../support/store-fixtures.js';
import { anIncident, NASTY_TITLE, setup } from '../../templates/support.js';
import { ctx } from './support.js';

const ROOT = join(import.meta.dirname, '../../../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(SRC, 'playground') ? [] : sourceFiles(path);
    return /\.(ts|hbs)$/.test(entry.name) ? [path] : [];
  });
}

/** `type: 'X'`, `type: "X"` and `"type": "X"` literals, with where they are. */
function typeLiterals(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/["']?\btype["']?\s*:\s*["']([A-Za-z_]+)["']/g)) {
      const type = match[1] ?? '';
      found.set(type, [...(found.get(type) ?? []), relative(ROOT, file)]);
    }
  }
  return found;
}

describe('everything the bot emits can be rendered', () => {
  const literals = typeLiterals();
  const kitTypes = [...literals.keys()].filter((t) => BLOCK_KIT_TYPES.has(t));

  it('finds the Block Kit types the bot uses (the scan itself works)', () => {
    for (const type of ['section', 'header', 'actions', 'input', 'static_select', 'plain_text_input', 'users_select', 'datepicker', 'checkboxes', 'mrkdwn']) {
      expect(kitTypes, type).toContain(type);
    }
    // Literals of other APIs are not mistaken for Block Kit.
    expect(kitTypes).not.toContain('modal');
    expect(kitTypes).not.toContain('ephemeral');
  });

  it('renders every Block Kit type named in src (outside the playground)', () => {
    const renderable = new Set([...RENDERABLE_BLOCK_TYPES, ...RENDERABLE_ELEMENT_TYPES, 'plain_text', 'mrkdwn']);
    const missing = kitTypes.filter((t) => !renderable.has(t)).map((t) => `${t} (${literals.get(t)?.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('knows Slack types as renderable only when they are Block Kit types', () => {
    for (const type of [...RENDERABLE_BLOCK_TYPES, ...RENDERABLE_ELEMENT_TYPES]) expect(BLOCK_KIT_TYPES.has(type), type).toBe(true);
  });
});

const renderer = createTemplateRenderer({ timeZone: 'UTC' });
const SEV2 = DEFAULT_SEVERITIES[1]!;

const anActionItem = (overrides: Partial<ActionItem> = {}): ActionItem => ({
  id: 3, postmortemId: 1, incidentId: 42, key: 'a1', description: 'Alert on pool exhaustion', ownerSlackId: 'U0BOB', ownerGithub: null,
  priority: 'P1', dueDate: '2026-12-20', validation: 'Alert fires', repository: 'acme/checkout', issueNumber: 101,
  issueUrl: 'https://github.com/acme/checkout/issues/101', state: 'open', closedAt: null, validationNote: null, flaggedUnvalidated: false,
  updatedAt: new Date('2026-11-26T10:00:00Z'), ...overrides,
});

const aDraft = (): PostmortemDraft => ({
  summary: `Checkout failed ${NASTY_TITLE}`,
  impact: { who: 'EU card payments', what: '20% failed for 40 minutes', costEstimate: null },
  rootCause: { category: 'config_or_flag', narrative: 'The pool size flag was 0.' },
  contributingFactors: '', wentWell: '', wentWrong: '', lessons: '',
  actionItems: [{ key: 'a1', description: 'Alert on pool exhaustion', ownerSlackId: 'U0BOB', priority: 'P0', dueDate: '2026-12-20', validation: null }],
});

const aMitigation = (): Mitigation => ({
  id: 12, incidentId: 1, channelId: 'C1', messageTs: '1.1', requestedBy: 'U0ALICE',
  requestedAt: new Date('2026-03-02T14:00:00Z'), expiresAt: new Date('2026-03-02T14:10:00Z'), state: 'pending',
  request: { kind: 'cordon', cluster: 'prod', nodes: { selector: 'topology.kubernetes.io/zone=us-west-2a' }, options: {} },
  preview: {
    headline: 'Cordon 3 nodes in us-west-2a', lines: ['us-west-2a: 3 of 3 schedulable nodes (100%)'],
    nodes: [{ name: 'node-1', zone: 'us-west-2a', unschedulable: false, ready: true }], zones: [{ zone: 'us-west-2a', affected: 3, schedulable: 3, percent: 100 }],
    pods: [], revision: null, replicas: null, blastRadiusPercent: 30, secondConfirmationReason: 'it affects 30% of the nodes',
    fingerprint: '{}', dryRun: 'Server-side dry run accepted (3 changes).',
  },
  confirmations: [], progress: [], result: null,
});

function botMessages(): Record<string, { text: string; blocks?: unknown[] }> {
  const { views } = setup();
  const incident = anIncident({ title: NASTY_TITLE });
  const check: DeployCheck = { id: 7, approvals: [], override: null, ...newDeployCheck() };
  const rollout = { kind: 'rollout' as const, at: new Date('2026-03-02T13:30:00Z'), title: 'checkout-api revision 42', link: null, author: null, rollback: { cluster: 'prod', namespace: 'shop', deployment: 'checkout-api', toRevision: 41 } };
  const followup = createFollowupViews({ renderer, timeZone: 'UTC' });
  return {
    declaration: views.declaration(incident, { nextUpdateDue: new Date('2026-11-25T14:25:00Z'), policy: SEV2 }),
    announcement: views.announcement(incident),
    reminder: views.reminder(incident, { attempt: 2, overdueMinutes: 10, snoozeMinutes: 15 }),
    mitigationPreview: createMitigationViews({ timeZone: 'UTC' }).mitigation(aMitigation()),
    deployCheck: deployCheckMessage(check, { timeZone: 'UTC', unknownCountsAs: 'REVIEW' }),
    contextSnapshot: createContextViews({ timeZone: 'UTC' }).snapshot({
      incidentId: 7, service: 'checkout', generatedAt: new Date('2026-03-02T14:00:00Z'), since: new Date('2026-03-01T14:00:00Z'),
      signals: { errorRatio5m: 0.05, errorRatio1h: 0.02, errorRatio1hYesterday: 0.002, latencyP99Now: 0.8, latencyP99Yesterday: 0.2, slos: [], errorsRoseAt: new Date('2026-03-02T13:49:00Z') },
      changes: [rollout], people: { onCall: [], otherOpenIncidents: [], freezes: [] }, suspects: [{ change: rollout, minutesBeforeRise: 7, rank: 1 }], problems: [], complete: true,
    }),
    ownerDm: followup.ownerDigest('U0BOB', [{ item: anActionItem(), incidentTitle: 'Checkout', service: 'checkout', daysOverdue: 2, dueThisWeek: false }]),
  };
}

function botModals(): Record<string, Record<string, unknown>> {
  const settings = { ...defaultIncidentSettings(), services: [{ name: 'checkout', description: 'Payments', ownersGroup: null, responders: [], pagerDuty: null }] };
  return {
    declare: buildDeclareModal(settings, { title: 'Checkout <b>down</b>', isPrivate: true }),
    postmortem: postmortemModal({ incident: anIncident(), draft: aDraft() }),
    actionItemDone: actionItemDoneModal(anActionItem()),
    actionItemReschedule: actionItemRescheduleModal(anActionItem(), '2026-12-01'),
  };
}

describe('real bot messages and modals render completely', () => {
  for (const [name, message] of Object.entries(botMessages())) {
    it(`message: ${name}`, () => {
      expect(message.blocks?.length ?? 0).toBeGreaterThan(0);
      const html = renderMessageBody(message, ctx);
      expect(html).not.toContain('bk-unsupported');
      expect(html).not.toMatch(/<script|<img src=x/i);
      expect(html).not.toContain('bk-broadcast');
      expect(html.match(/class="bk-block /g)?.length).toBe(message.blocks?.length);
    });
  }

  for (const [name, view] of Object.entries(botModals())) {
    it(`modal: ${name}`, () => {
      const html = renderModal(view, ctx);
      expect(html).not.toContain('bk-unsupported');
      expect(html).toContain('data-modal="submit"');
      const inputs = (view.blocks as { type: string }[]).filter((b) => b.type === 'input').length;
      expect(html.match(/data-bk-input=/g)?.length).toBe(inputs);
    });
  }

  it('the declare modal reads back through the bot\'s own reader', () => {
    const ids = DECLARE_MODAL_IDS;
    const view = botModals().declare!;
    const values = viewStateValues(view, {
      [ids.title.block]: { [ids.title.action]: 'Checkout down' },
      [ids.severity.block]: { [ids.severity.action]: 'SEV1' },
      [ids.service.block]: { [ids.service.action]: 'checkout' },
      [ids.started.block]: { [ids.started.action]: '' },
      [ids.impact.block]: { [ids.impact.action]: 'Card payments fail' },
      [ids.private.block]: { [ids.private.action]: ['private'] },
    });
    expect(readDeclareModal(values as never)).toEqual({ title: 'Checkout down', severity: 'SEV1', service: 'checkout', impact: 'Card payments fail', isPrivate: true });
  });

  it('the postmortem modal reads back through the bot\'s own reader', () => {
    const ids = POSTMORTEM_MODAL_IDS;
    const slot = actionItemSlotIds(0);
    const values = viewStateValues(botModals().postmortem!, {
      [ids.summary.block]: { [ids.summary.action]: 'Pool exhausted' },
      [ids.rootCauseCategory.block]: { [ids.rootCauseCategory.action]: 'config_or_flag' },
      [slot.description.block]: { [slot.description.action]: 'Alert on pool exhaustion' },
      [slot.owner.block]: { [slot.owner.action]: 'U0ALICE' },
      [slot.priority.block]: { [slot.priority.action]: 'P0' },
      [slot.dueDate.block]: { [slot.dueDate.action]: '2026-12-20' },
    });
    const draft = readPostmortemModal(values as never);
    expect(draft.summary).toBe('Pool exhausted');
    expect(draft.rootCause.category).toBe('config_or_flag');
    expect(draft.actionItems).toEqual([{ key: 'a1', description: 'Alert on pool exhaustion', ownerSlackId: 'U0ALICE', priority: 'P0', dueDate: '2026-12-20', validation: null }]);
  });
});
