import { describe, expect, it } from 'vitest';
import type { IncidentSettings } from '../../../src/core/incident/settings.js';
import { defaultIncidentSettings } from '../../../src/config/defaults.js';
import { buildDeclareModal, DECLARE_MODAL_CALLBACK_ID, DECLARE_MODAL_IDS, type ModalStateValues, readDeclareModal } from '../../../src/templates/index.js';

type View = ReturnType<typeof buildDeclareModal>;
type InputBlock = View['blocks'][number] & { element: Record<string, unknown> };

const withServices = (count: number): IncidentSettings => ({
  ...defaultIncidentSettings(),
  services: Array.from({ length: count }, (_, i) => ({ name: `svc-${i}`, description: i === 0 ? 'Checkout and payments API' : '', ownersGroup: null, responders: [], pagerDuty: null })),
});

const block = (view: View, id: string): InputBlock | undefined => view.blocks.find((b) => b.block_id === id) as InputBlock | undefined;

/** What Slack would send back for a submitted view: the chosen/typed value of each input. */
function submit(view: View, typed: Record<string, string | boolean | undefined>): ModalStateValues {
  const values: ModalStateValues = {};
  for (const b of view.blocks as InputBlock[]) {
    const element = b.element;
    const action = String(element.action_id);
    const value = typed[action];
    let state: Record<string, unknown>;
    if (element.type === 'static_select') {
      const chosen = (element.options as { value: string }[]).find((o) => o.value === value) ?? (element.initial_option as { value: string } | undefined) ?? null;
      state = { type: 'static_select', selected_option: chosen };
    } else if (element.type === 'checkboxes') {
      state = { type: 'checkboxes', selected_options: value ? (element.options as unknown[]) : [] };
    } else {
      state = { type: 'plain_text_input', value: typeof value === 'string' ? value : ((element.initial_value as string | undefined) ?? null) };
    }
    values[b.block_id] = { [action]: state as never };
  }
  return values;
}

describe('declare modal', () => {
  it('is a modal with the declare callback id and every field', () => {
    const view = buildDeclareModal(withServices(2));
    expect(view).toMatchObject({ type: 'modal', callback_id: DECLARE_MODAL_CALLBACK_ID, title: { text: 'Declare incident' }, submit: { text: 'Declare' } });
    expect(view.callback_id).toBe('incident_declare');
    expect(view.blocks.map((b) => b.block_id)).toEqual(Object.values(DECLARE_MODAL_IDS).map((id) => id.block));
    expect(block(view, DECLARE_MODAL_IDS.title.block)).toMatchObject({ optional: false, element: { type: 'plain_text_input', max_length: 500 } });
    for (const id of ['service', 'started', 'impact', 'private'] as const) expect(block(view, DECLARE_MODAL_IDS[id].block)?.optional).toBe(true);
    expect(block(view, DECLARE_MODAL_IDS.started.block)).toMatchObject({ hint: { text: expect.stringContaining('13:52 or 2026-11-25T13:52:00Z') } });
    expect(block(view, DECLARE_MODAL_IDS.impact.block)?.element).toMatchObject({ multiline: true, max_length: 3000 });
  });

  it('offers the configured severities with labels, preselecting the default', () => {
    const severity = block(buildDeclareModal(defaultIncidentSettings()), DECLARE_MODAL_IDS.severity.block)!.element;
    expect((severity.options as { text: { text: string }; value: string }[]).map((o) => [o.value, o.text.text])).toEqual([
      ['SEV1', 'SEV1 · critical'],
      ['SEV2', 'SEV2 · high'],
      ['SEV3', 'SEV3 · moderate'],
      ['SEV4', 'SEV4 · minor'],
    ]);
    expect(severity.initial_option).toMatchObject({ value: 'SEV3' });
    expect((severity.options as { description?: { text: string } }[]).every((o) => (o.description?.text.length ?? 0) <= 75)).toBe(true);
  });

  it('leaves out the service picker when no services are configured', () => {
    expect(block(buildDeclareModal(defaultIncidentSettings()), DECLARE_MODAL_IDS.service.block)).toBeUndefined();
  });

  it('uses a select for up to 100 services and a text field beyond (Slack’s option limit)', () => {
    const select = block(buildDeclareModal(withServices(100)), DECLARE_MODAL_IDS.service.block)!.element;
    expect(select.type).toBe('static_select');
    expect((select.options as unknown[]).length).toBe(100);
    expect(block(buildDeclareModal(withServices(101)), DECLARE_MODAL_IDS.service.block)!.element.type).toBe('plain_text_input');
  });

  it('pre-fills from initial values', () => {
    const view = buildDeclareModal(withServices(3), { title: 'DB down', severity: 'sev1', service: 'svc-2', started: '13:52', impact: 'writes fail', isPrivate: true });
    expect(block(view, DECLARE_MODAL_IDS.title.block)!.element.initial_value).toBe('DB down');
    expect(block(view, DECLARE_MODAL_IDS.severity.block)!.element.initial_option).toMatchObject({ value: 'SEV1' });
    expect(block(view, DECLARE_MODAL_IDS.service.block)!.element.initial_option).toMatchObject({ value: 'svc-2' });
    expect(block(view, DECLARE_MODAL_IDS.private.block)!.element.initial_options).toHaveLength(1);
  });

  it('round-trips: build → submitted state values → DeclareInput', () => {
    const view = buildDeclareModal(withServices(3));
    const values = submit(view, { title: '  Checkout <!channel> returns 500s ', severity: 'SEV1', service: 'svc-1', started: '13:52', impact: 'Card payments fail\nfor 20%', private: true });
    expect(readDeclareModal(values)).toEqual({
      title: 'Checkout <!channel> returns 500s',
      severity: 'SEV1',
      service: 'svc-1',
      started: '13:52',
      impact: 'Card payments fail\nfor 20%',
      isPrivate: true,
    });
  });

  it('leaves empty optional fields out and reads a typed service when there are many', () => {
    expect(readDeclareModal(submit(buildDeclareModal(withServices(3)), { title: 'DB down', started: '  ' }))).toEqual({ title: 'DB down', severity: 'SEV3', isPrivate: false });
    expect(readDeclareModal(submit(buildDeclareModal(withServices(150)), { title: 'DB down', service: 'svc-120' }))).toMatchObject({ service: 'svc-120' });
  });

  it('reads an empty title as "" so that the handler can ask for one', () => {
    expect(readDeclareModal({}).title).toBe('');
  });
});
