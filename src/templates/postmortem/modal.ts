/**
 * The postmortem modal (`/incident postmortem`, the Edit button): every field of the draft, prefilled, and
 * action items as fixed slots (a slot's key is its position, `a1`…`a8`, so an item keeps its GitHub issue
 * across edits). `readPostmortemModal` turns the submission back into a PostmortemDraft.
 */
import type { PostmortemContext } from '../../core/postmortem/api.js';
import { ROOT_CAUSE_CATEGORIES, type ActionItemDraft, type ActionPriority, type PostmortemDraft, type RootCauseCategory } from '../../core/postmortem/model.js';
import { LIMITS, plain, truncate } from '../blocks/kit.js';
import { POSTMORTEM_MODAL_CALLBACK_ID } from './action-ids.js';
import { PRIORITY_MEANINGS, ROOT_CAUSE_LABELS } from './issue-views.js';

export const ACTION_ITEM_SLOTS = 8;
const TEXT_MAX = 3000;

type Id = { block: string; action: string };
const id = (name: string): Id => ({ block: `pm_${name}`, action: name });

export const POSTMORTEM_MODAL_IDS = {
  summary: id('summary'),
  impactWho: id('impact_who'),
  impactWhat: id('impact_what'),
  costEstimate: id('cost_estimate'),
  rootCauseCategory: id('root_cause_category'),
  rootCauseNarrative: id('root_cause_narrative'),
  contributingFactors: id('contributing_factors'),
  wentWell: id('went_well'),
  wentWrong: id('went_wrong'),
  lessons: id('lessons'),
} as const;

/** Block ids of action-item slot `i` (0-based). */
export const actionItemSlotIds = (i: number) => ({
  description: { block: `pm_ai${i}_description`, action: 'description' },
  owner: { block: `pm_ai${i}_owner`, action: 'owner' },
  priority: { block: `pm_ai${i}_priority`, action: 'priority' },
  dueDate: { block: `pm_ai${i}_due`, action: 'due' },
  validation: { block: `pm_ai${i}_validation`, action: 'validation' },
});

export const slotKey = (i: number): string => `a${i + 1}`;

const option = (text: string, value: string) => ({ text: plain(text, LIMITS.optionText), value });
const PRIORITY_OPTIONS = (['P0', 'P1', 'P2'] as const).map((p) => option(`${p} · ${PRIORITY_MEANINGS[p]}`, p));
const CATEGORY_OPTIONS = ROOT_CAUSE_CATEGORIES.map((c) => option(ROOT_CAUSE_LABELS[c], c));

function input(ref: Id, label: string, element: Record<string, unknown>, extra: { optional?: boolean; hint?: string } = {}) {
  return {
    type: 'input',
    block_id: ref.block,
    label: plain(label, 2000),
    optional: extra.optional ?? true,
    element: { ...element, action_id: ref.action },
    ...(extra.hint ? { hint: plain(extra.hint, 2000) } : {}),
  };
}

const text = (initial: string | null | undefined, multiline = true, placeholder?: string) => ({
  type: 'plain_text_input',
  multiline,
  max_length: TEXT_MAX,
  ...(initial ? { initial_value: truncate(initial, TEXT_MAX) } : {}),
  ...(placeholder ? { placeholder: plain(placeholder, 150) } : {}),
});

function slotBlocks(i: number, item: ActionItemDraft | undefined) {
  const ids = actionItemSlotIds(i);
  const priority = PRIORITY_OPTIONS.find((o) => o.value === (item?.priority ?? 'P1'));
  return [
    { type: 'header', text: plain(`Action item ${i + 1}`, LIMITS.headerText) },
    input(ids.description, 'What will be done', text(item?.description, false, 'e.g. Alert when checkout 5xx > 2% for 5 min'), { hint: 'Leave empty to skip this slot.' }),
    input(ids.owner, 'Owner', { type: 'users_select', ...(item?.ownerSlackId ? { initial_user: item.ownerSlackId } : {}) }),
    input(ids.priority, 'Priority', { type: 'static_select', options: PRIORITY_OPTIONS, ...(priority ? { initial_option: priority } : {}) }),
    input(ids.dueDate, 'Due date', { type: 'datepicker', ...(item?.dueDate ? { initial_date: item.dueDate } : {}) }, { hint: 'Empty: 2, 4 or 8 weeks from publishing, by priority.' }),
    input(ids.validation, 'How we will know it works', text(item?.validation, false, 'e.g. the alert fires in the staging game day')),
  ];
}

/** The modal view; private_metadata carries the incident id. */
export function postmortemModal(ctx: Pick<PostmortemContext, 'incident' | 'draft'>, options: { slots?: number } = {}) {
  const { draft, incident } = ctx;
  const ids = POSTMORTEM_MODAL_IDS;
  const slots = Math.min(options.slots ?? ACTION_ITEM_SLOTS, ACTION_ITEM_SLOTS);
  const bySlot = new Map<number, ActionItemDraft>();
  const loose: ActionItemDraft[] = [];
  for (const item of draft.actionItems) {
    const n = /^a(\d+)$/.exec(item.key);
    const slot = n ? Number(n[1]) - 1 : -1;
    if (slot >= 0 && slot < slots && !bySlot.has(slot)) bySlot.set(slot, item);
    else loose.push(item);
  }
  for (let i = 0; i < slots && loose.length > 0; i++) if (!bySlot.has(i)) bySlot.set(i, loose.shift()!);
  const category = CATEGORY_OPTIONS.find((o) => o.value === draft.rootCause.category);
  const blocks = [
    input(ids.summary, 'Summary', text(draft.summary), { optional: false }),
    input(ids.impactWho, 'Impact: who was affected', text(draft.impact.who)),
    input(ids.impactWhat, 'Impact: what and for how long', text(draft.impact.what)),
    input(ids.costEstimate, 'Cost estimate', text(draft.impact.costEstimate, false)),
    input(ids.rootCauseCategory, 'Root-cause category', { type: 'static_select', options: CATEGORY_OPTIONS, ...(category ? { initial_option: category } : {}) }, { optional: false }),
    input(ids.rootCauseNarrative, 'Root cause', text(draft.rootCause.narrative, true, 'What in the system or the process allowed this? Name systems, not people.')),
    input(ids.contributingFactors, 'Contributing factors', text(draft.contributingFactors)),
    input(ids.wentWell, 'What went well', text(draft.wentWell)),
    input(ids.wentWrong, 'What went wrong', text(draft.wentWrong)),
    input(ids.lessons, 'Lessons learned', text(draft.lessons)),
    ...Array.from({ length: slots }, (_, i) => slotBlocks(i, bySlot.get(i))).flat(),
  ];
  return {
    type: 'modal' as const,
    callback_id: POSTMORTEM_MODAL_CALLBACK_ID,
    private_metadata: String(incident.id),
    title: plain('Postmortem', 24),
    submit: plain('Save and review', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}

/** One action's state in `view.state.values[block][action]`, for the element types this modal uses. */
export interface PostmortemModalActionState {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_user?: string | null;
  selected_date?: string | null;
}
export type PostmortemModalState = Record<string, Record<string, PostmortemModalActionState | undefined> | undefined>;

export function readPostmortemModal(values: PostmortemModalState, slots: number = ACTION_ITEM_SLOTS): PostmortemDraft {
  const state = (ref: Id) => values[ref.block]?.[ref.action];
  const str = (ref: Id): string => (state(ref)?.value ?? '').trim();
  const ids = POSTMORTEM_MODAL_IDS;
  const category = state(ids.rootCauseCategory)?.selected_option?.value;
  const actionItems: ActionItemDraft[] = [];
  for (let i = 0; i < slots; i++) {
    const s = actionItemSlotIds(i);
    const description = str(s.description);
    const ownerSlackId = state(s.owner)?.selected_user || null;
    const dueDate = state(s.dueDate)?.selected_date || null;
    const validation = str(s.validation) || null;
    // An empty slot is no item; a half-filled one is kept so validation can say what is missing.
    if (!description && !ownerSlackId && !dueDate && !validation) continue;
    const priority = (state(s.priority)?.selected_option?.value ?? 'P1') as ActionPriority;
    actionItems.push({ key: slotKey(i), description, ownerSlackId, priority, dueDate, validation });
  }
  return {
    summary: str(ids.summary),
    impact: { who: str(ids.impactWho), what: str(ids.impactWhat), costEstimate: str(ids.costEstimate) || null },
    rootCause: { category: ((ROOT_CAUSE_CATEGORIES as readonly string[]).includes(category ?? '') ? category : 'unknown') as RootCauseCategory, narrative: str(ids.rootCauseNarrative) },
    contributingFactors: str(ids.contributingFactors),
    wentWell: str(ids.wentWell),
    wentWrong: str(ids.wentWrong),
    lessons: str(ids.lessons),
    actionItems,
  };
}
