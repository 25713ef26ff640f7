/**
 * The declare modal (`/incident` with no text, and the "Declare incident" shortcut) and the reading of its
 * submission back into the same DeclareInput that `/incident declare …` produces.
 */
import type { DeclareInput } from '../../core/incident/api.js';
import type { IncidentSettings } from '../../core/incident/settings.js';
import { LIMITS, type PlainText, plain, truncate } from './kit.js';

export const DECLARE_MODAL_CALLBACK_ID = 'incident_declare';

/** block_id / action_id of each input; the handler answers validation errors by block_id. */
export const DECLARE_MODAL_IDS = {
  title: { block: 'declare_title', action: 'title' },
  severity: { block: 'declare_severity', action: 'severity' },
  service: { block: 'declare_service', action: 'service' },
  started: { block: 'declare_started', action: 'started' },
  impact: { block: 'declare_impact', action: 'impact' },
  private: { block: 'declare_private', action: 'private' },
} as const;

export const TITLE_MAX = 500;
const IMPACT_MAX = 3000;
const STARTED_MAX = 40;
/** static_select takes at most 100 options; past that the service is typed and checked by the core. */
const MAX_SELECT_OPTIONS = 100;

interface Option {
  text: PlainText;
  value: string;
  description?: PlainText;
}

const option = (text: string, value: string, description?: string): Option => ({
  text: plain(text, LIMITS.optionText),
  value,
  ...(description ? { description: plain(description, LIMITS.optionText) } : {}),
});

function input(id: { block: string; action: string }, label: string, element: Record<string, unknown>, extra: { optional?: boolean; hint?: string } = {}) {
  return {
    type: 'input',
    block_id: id.block,
    label: plain(label, 2000),
    optional: extra.optional ?? false,
    element: { ...element, action_id: id.action },
    ...(extra.hint ? { hint: plain(extra.hint, 2000) } : {}),
  };
}

function serviceInput(settings: IncidentSettings, initial: string | undefined) {
  const id = DECLARE_MODAL_IDS.service;
  const hint = 'Its owners are invited to the war room.';
  if (settings.services.length > MAX_SELECT_OPTIONS) {
    const element = { type: 'plain_text_input', max_length: 80, ...(initial ? { initial_value: initial } : {}), placeholder: plain('e.g. checkout') };
    return input(id, 'Service', element, { optional: true, hint });
  }
  const options = settings.services.map((s) => option(s.name, s.name, s.description || undefined));
  const selected = options.find((o) => o.value.toLowerCase() === initial?.toLowerCase());
  const element = { type: 'static_select', placeholder: plain('Pick the affected service'), options, ...(selected ? { initial_option: selected } : {}) };
  return input(id, 'Service', element, { optional: true, hint });
}

/** The modal view; `initial` pre-fills it (e.g. from a half-typed command). */
export function buildDeclareModal(settings: IncidentSettings, initial: Partial<DeclareInput> = {}) {
  const severities = settings.severities.map((s) => option(`${s.name} · ${s.label}`, s.name, s.description || undefined));
  const wanted = (initial.severity ?? settings.defaultSeverity).toLowerCase();
  const initialSeverity = severities.find((o) => o.value.toLowerCase() === wanted) ?? severities.find((o) => o.value === settings.defaultSeverity);
  const privateOption = option('Private incident', 'private', 'Private war room; the announcement hides the title');
  const ids = DECLARE_MODAL_IDS;
  const blocks = [
    input(ids.title, 'What is happening?', {
      type: 'plain_text_input',
      max_length: TITLE_MAX,
      placeholder: plain('e.g. Checkout returns 500s in eu-west-1'),
      ...(initial.title ? { initial_value: truncate(initial.title, TITLE_MAX) } : {}),
    }),
    input(ids.severity, 'Severity', {
      type: 'static_select',
      options: severities.slice(0, MAX_SELECT_OPTIONS),
      ...(initialSeverity ? { initial_option: initialSeverity } : {}),
    }),
    ...(settings.services.length > 0 ? [serviceInput(settings, initial.service)] : []),
    input(
      ids.started,
      'When did the impact start?',
      { type: 'plain_text_input', max_length: STARTED_MAX, ...(initial.started ? { initial_value: initial.started } : {}) },
      { optional: true, hint: `13:52 or 2026-11-25T13:52:00Z (times without a date are today, ${settings.timeZone}). Leave empty if unknown.` },
    ),
    input(
      ids.impact,
      'Impact',
      {
        type: 'plain_text_input',
        multiline: true,
        max_length: IMPACT_MAX,
        placeholder: plain('Who is affected and how, e.g. 30% of card payments fail'),
        ...(initial.impact ? { initial_value: truncate(initial.impact, IMPACT_MAX) } : {}),
      },
      { optional: true },
    ),
    input(ids.private, 'Visibility', { type: 'checkboxes', options: [privateOption], ...(initial.isPrivate ? { initial_options: [privateOption] } : {}) }, { optional: true }),
  ];
  return {
    type: 'modal' as const,
    callback_id: DECLARE_MODAL_CALLBACK_ID,
    title: plain('Declare incident', 24),
    submit: plain('Declare', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}

/** One action's state as Slack sends it in `view.state.values[block][action]`. */
export interface ModalActionState {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[] | null;
}

export type ModalStateValues = Record<string, Record<string, ModalActionState | undefined> | undefined>;

/** The submitted modal as DeclareInput; empty optional fields are left out, the title is '' when missing. */
export function readDeclareModal(values: ModalStateValues): DeclareInput {
  const ids = DECLARE_MODAL_IDS;
  const state = (id: { block: string; action: string }) => values[id.block]?.[id.action];
  const textOf = (id: { block: string; action: string }): string | undefined => {
    const s = state(id);
    const raw = s?.selected_option?.value ?? s?.value ?? '';
    const trimmed = raw.trim();
    return trimmed ? trimmed : undefined;
  };
  const result: DeclareInput = { title: textOf(ids.title) ?? '' };
  const severity = textOf(ids.severity);
  const service = textOf(ids.service);
  const started = textOf(ids.started);
  const impact = textOf(ids.impact);
  if (severity) result.severity = severity;
  if (service) result.service = service;
  if (started) result.started = started;
  if (impact) result.impact = impact;
  result.isPrivate = (state(ids.private)?.selected_options ?? []).some((o) => o.value === 'private');
  return result;
}
