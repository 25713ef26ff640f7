import { describe, expect, it } from 'vitest';
import { blockAction, viewStateValues } from '../../../../src/playground/web/render/index.js';

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const option = (text: string, value: string) => ({ text: plain(text), value });
const input = (blockId: string, element: Record<string, unknown>, optional = true) => ({ type: 'input', block_id: blockId, optional, label: plain(blockId), element: { action_id: 'a', ...element } });

const view = {
  type: 'modal',
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: 'not an input' } },
    input('text', { type: 'plain_text_input' }),
    input('select', { type: 'static_select', options: [option('SEV1 · critical', 'SEV1'), option('SEV2', 'SEV2')] }),
    input('grouped', { type: 'static_select', option_groups: [{ label: plain('G'), options: [option('In group', 'g1')] }] }),
    input('user', { type: 'users_select' }),
    input('users', { type: 'multi_users_select' }),
    input('date', { type: 'datepicker' }),
    input('time', { type: 'timepicker' }),
    input('boxes', { type: 'checkboxes', options: [{ ...option('Private', 'private'), description: plain('hidden') }, option('Loud', 'loud')] }),
    input('radio', { type: 'radio_buttons', options: [option('Yes', 'y'), option('No', 'n')] }),
    input('number', { type: 'number_input', is_decimal_allowed: false }),
    input('multi', { type: 'multi_static_select', options: [option('A', 'a'), option('B', 'b'), option('C', 'c')] }),
    input('conversation', { type: 'conversations_select' }),
    input('channel', { type: 'channels_select' }),
    input('email', { type: 'email_text_input' }),
    input('when', { type: 'datetimepicker' }),
    { type: 'input', label: plain('no ids'), element: { type: 'plain_text_input' } },
  ],
};

describe('view state values', () => {
  it('builds Slack\'s shape for every filled input', () => {
    const values = viewStateValues(view, {
      text: { a: 'Checkout down' },
      select: { a: 'SEV1' },
      grouped: { a: 'g1' },
      user: { a: 'U0ALICE' },
      users: { a: ['U0ALICE', 'U0BOB'] },
      date: { a: '2026-12-20' },
      time: { a: '13:52' },
      boxes: { a: ['private'] },
      radio: { a: 'n' },
      number: { a: '3' },
      multi: { a: ['a', 'c'] },
      conversation: { a: 'C0WARROOM' },
      channel: { a: 'C0GENERAL' },
      email: { a: 'ops@example.com' },
      when: { a: '2023-11-14T22:13' },
      'auto-16': { 'auto-input': 'generated ids' },
    });
    expect(values).toEqual({
      text: { a: { type: 'plain_text_input', value: 'Checkout down' } },
      select: { a: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'SEV1 · critical', emoji: true }, value: 'SEV1' } } },
      grouped: { a: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'In group', emoji: true }, value: 'g1' } } },
      user: { a: { type: 'users_select', selected_user: 'U0ALICE' } },
      users: { a: { type: 'multi_users_select', selected_users: ['U0ALICE', 'U0BOB'] } },
      date: { a: { type: 'datepicker', selected_date: '2026-12-20' } },
      time: { a: { type: 'timepicker', selected_time: '13:52' } },
      boxes: { a: { type: 'checkboxes', selected_options: [{ text: plain('Private'), value: 'private', description: plain('hidden') }] } },
      radio: { a: { type: 'radio_buttons', selected_option: { text: plain('No'), value: 'n' } } },
      number: { a: { type: 'number_input', value: '3' } },
      multi: { a: { type: 'multi_static_select', selected_options: [{ text: { type: 'plain_text', text: 'A', emoji: true }, value: 'a' }, { text: { type: 'plain_text', text: 'C', emoji: true }, value: 'c' }] } },
      conversation: { a: { type: 'conversations_select', selected_conversation: 'C0WARROOM' } },
      channel: { a: { type: 'channels_select', selected_channel: 'C0GENERAL' } },
      email: { a: { type: 'email_text_input', value: 'ops@example.com' } },
      when: { a: { type: 'datetimepicker', selected_date_time: 1699999980 } },
      'auto-16': { 'auto-input': { type: 'plain_text_input', value: 'generated ids' } },
    });
  });

  it('reports empty inputs the way Slack does: null values, empty lists', () => {
    const values = viewStateValues(view, { text: { a: '' }, select: { a: '' }, boxes: { a: [] } });
    expect(values.text).toEqual({ a: { type: 'plain_text_input', value: null } });
    expect(values.select).toEqual({ a: { type: 'static_select', selected_option: null } });
    expect(values.user).toEqual({ a: { type: 'users_select', selected_user: null } });
    expect(values.users).toEqual({ a: { type: 'multi_users_select', selected_users: [] } });
    expect(values.date).toEqual({ a: { type: 'datepicker', selected_date: null } });
    expect(values.time).toEqual({ a: { type: 'timepicker', selected_time: null } });
    expect(values.boxes).toEqual({ a: { type: 'checkboxes', selected_options: [] } });
    expect(values.radio).toEqual({ a: { type: 'radio_buttons', selected_option: null } });
    expect(values.number).toEqual({ a: { type: 'number_input', value: null } });
    expect(values.multi).toEqual({ a: { type: 'multi_static_select', selected_options: [] } });
    expect(values.when).toEqual({ a: { type: 'datetimepicker', selected_date_time: null } });
    expect(Object.keys(values)).not.toContain('auto-0');
  });

  it('drops choices the element does not offer, so a forged value cannot reach the bot', () => {
    const values = viewStateValues(view, { select: { a: 'SEV9' }, boxes: { a: ['private', 'nope'] }, multi: { a: ['zzz'] } });
    expect(values.select).toEqual({ a: { type: 'static_select', selected_option: null } });
    expect((values.boxes?.a as { selected_options: { value: string }[] }).selected_options.map((o) => o.value)).toEqual(['private']);
    expect(values.multi).toEqual({ a: { type: 'multi_static_select', selected_options: [] } });
  });

  it('takes the first of several values for single-value inputs and wraps a lone value for lists', () => {
    const values = viewStateValues(view, { text: { a: ['one', 'two'] }, users: { a: 'U0BOB' } });
    expect(values.text).toEqual({ a: { type: 'plain_text_input', value: 'one' } });
    expect(values.users).toEqual({ a: { type: 'multi_users_select', selected_users: ['U0BOB'] } });
  });
});

describe('block actions', () => {
  const blocks = [
    {
      type: 'actions',
      block_id: 'mitigation_12',
      elements: [
        { type: 'button', text: plain('Confirm'), action_id: 'confirm', value: '12', style: 'danger' },
        { type: 'button', text: plain('Cancel'), action_id: 'cancel' },
        { type: 'static_select', action_id: 'sev', placeholder: plain('Severity'), options: [option('SEV1', 'SEV1')] },
        { type: 'users_select', action_id: 'who' },
        { type: 'overflow', action_id: 'more', options: [option('Edit', 'edit')] },
        { type: 'datepicker', action_id: 'due' },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: { type: 'button', text: plain('Go'), action_id: 'go', value: 'v' } },
    { type: 'actions', elements: [{ type: 'button', text: plain('Anon') }] },
  ];

  it('button: text, value and style as defined', () => {
    expect(blockAction(blocks, 'mitigation_12', 'confirm', undefined, '1700000000.000100')).toEqual({
      type: 'button', action_id: 'confirm', block_id: 'mitigation_12', text: plain('Confirm'), value: '12', style: 'danger', action_ts: '1700000000.000100',
    });
    expect(blockAction(blocks, 'mitigation_12', 'cancel', undefined, '1.2')).toEqual({ type: 'button', action_id: 'cancel', block_id: 'mitigation_12', text: plain('Cancel'), action_ts: '1.2' });
  });

  it('finds accessories and elements with generated ids', () => {
    expect(blockAction(blocks, 'auto-1', 'go', undefined, '1')).toMatchObject({ type: 'button', action_id: 'go', block_id: 'auto-1', value: 'v' });
    expect(blockAction(blocks, 'auto-2', 'auto-0', undefined, '1')).toMatchObject({ type: 'button', action_id: 'auto-0', block_id: 'auto-2' });
  });

  it('static_select: the chosen option, with the placeholder', () => {
    expect(blockAction(blocks, 'mitigation_12', 'sev', 'SEV1', '1')).toEqual({
      type: 'static_select', action_id: 'sev', block_id: 'mitigation_12',
      selected_option: { text: { type: 'plain_text', text: 'SEV1', emoji: true }, value: 'SEV1' }, placeholder: plain('Severity'), action_ts: '1',
    });
  });

  it('users_select, overflow and datepicker', () => {
    expect(blockAction(blocks, 'mitigation_12', 'who', 'U0BOB', '1')).toEqual({ type: 'users_select', action_id: 'who', block_id: 'mitigation_12', selected_user: 'U0BOB', action_ts: '1' });
    expect(blockAction(blocks, 'mitigation_12', 'more', 'edit', '1')).toEqual({ type: 'overflow', action_id: 'more', block_id: 'mitigation_12', selected_option: { text: plain('Edit'), value: 'edit' }, action_ts: '1' });
    expect(blockAction(blocks, 'mitigation_12', 'due', '2026-12-20', '1')).toEqual({ type: 'datepicker', action_id: 'due', block_id: 'mitigation_12', selected_date: '2026-12-20', action_ts: '1' });
  });

  it('is null for missing elements and for choices that are not on offer', () => {
    expect(blockAction(blocks, 'nope', 'confirm', undefined, '1')).toBeNull();
    expect(blockAction(blocks, 'mitigation_12', 'nope', undefined, '1')).toBeNull();
    expect(blockAction(blocks, 'mitigation_12', 'sev', 'SEV9', '1')).toBeNull();
    expect(blockAction(blocks, 'mitigation_12', 'due', undefined, '1')).toBeNull();
    expect(blockAction([null, 'x'], 'auto-0', 'a', undefined, '1')).toBeNull();
  });
});
