import { describe, expect, it } from 'vitest';
import { renderBlocks, RENDERABLE_ELEMENT_TYPES } from '../../../../src/playground/web/render/index.js';
import { ctx } from './support.js';

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const option = (text: string, value: string) => ({ text: plain(text), value });
const inActions = (element: Record<string, unknown>) => renderBlocks([{ type: 'actions', block_id: 'b', elements: [{ action_id: 'a', ...element }] }], ctx, 'message');
const hooks = (type: string) => `data-bk-action="${type}" data-block-id="b" data-action-id="a"`;

describe('buttons', () => {
  it('carry style, block and action ids', () => {
    expect(inActions({ type: 'button', text: plain('Confirm'), style: 'primary', value: '12' })).toContain(`<button type="button" class="bk-button bk-primary" ${hooks('button')}>Confirm</button>`);
    expect(inActions({ type: 'button', text: plain('Drain'), style: 'danger' })).toContain('class="bk-button bk-danger"');
    expect(inActions({ type: 'button', text: plain('<i>x</i>') })).toContain('>&lt;i&gt;x&lt;/i&gt;</button>');
  });

  it('carry the confirm dialog as attribute-escaped JSON', () => {
    const confirm = { title: plain('Sure?'), text: { type: 'mrkdwn', text: 'Drain "prod" <now>' }, confirm: plain('Yes'), deny: plain('No') };
    const html = inActions({ type: 'button', text: plain('Drain'), confirm });
    const attrValue = /data-confirm="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(attrValue).not.toContain('<');
    const decoded = attrValue.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(JSON.parse(decoded)).toEqual(confirm);
  });

  it('link buttons carry a safe data-url only', () => {
    expect(inActions({ type: 'button', text: plain('Issue'), url: 'https://github.example/i/1' })).toContain('data-url="https://github.example/i/1"');
    expect(inActions({ type: 'button', text: plain('Bad'), url: 'javascript:alert(1)' })).not.toContain('data-url');
  });
});

describe('interactive selects', () => {
  it('static_select: placeholder first, then options, the initial one selected', () => {
    const html = inActions({ type: 'static_select', placeholder: plain('Severity'), options: [option('SEV1', 's1'), option('SEV2 <x>', 's2')], initial_option: option('SEV2 <x>', 's2') });
    expect(html).toContain(`<select class="bk-select" ${hooks('static_select')}><option value="">Severity</option><option value="s1">SEV1</option><option value="s2" selected>SEV2 &lt;x&gt;</option></select>`);
  });

  it('static_select with option groups', () => {
    const html = inActions({ type: 'static_select', option_groups: [{ label: plain('EU'), options: [option('eu-west-1', 'euw1')] }, { label: plain('US'), options: [option('us-east-1', 'use1')] }] });
    expect(html).toContain('<optgroup label="EU"><option value="euw1">eu-west-1</option></optgroup><optgroup label="US"><option value="use1">us-east-1</option></optgroup>');
  });

  it('overflow: a select of its options', () => {
    expect(inActions({ type: 'overflow', options: [option('Edit', 'edit')] })).toContain(`<select class="bk-select bk-overflow" ${hooks('overflow')}><option value="">⋯</option><option value="edit">Edit</option></select>`);
  });

  it('users_select: the workspace people, initial user selected', () => {
    const html = inActions({ type: 'users_select', initial_user: 'U0BOB' });
    expect(html).toContain(`<select class="bk-select" ${hooks('users_select')}><option value="">Select a person</option><option value="U0ALICE">alice</option><option value="U0BOB" selected>bob &lt;b&gt;</option></select>`);
  });

  it('conversations_select and channels_select show their initial pick by name', () => {
    expect(inActions({ type: 'conversations_select', initial_conversation: 'C0WARROOM' })).toContain('<option value="C0WARROOM" selected>#inc-42</option>');
    expect(inActions({ type: 'channels_select', initial_channel: 'C0GENERAL' })).toContain(`${hooks('channels_select')}`);
  });

  it('radio_buttons in actions are a select too', () => {
    expect(inActions({ type: 'radio_buttons', options: [option('On', 'on')] })).toContain(`<select class="bk-select" ${hooks('radio_buttons')}>`);
  });

  it('datepicker and timepicker are native inputs with their initial value', () => {
    expect(inActions({ type: 'datepicker', initial_date: '2026-12-01' })).toContain(`<input type="date" class="bk-datepicker" ${hooks('datepicker')} value="2026-12-01">`);
    expect(inActions({ type: 'timepicker', initial_time: '13:52' })).toContain(`type="time" class="bk-timepicker" ${hooks('timepicker')} value="13:52"`);
  });

  it('accessory selects get the section block id', () => {
    const html = renderBlocks([{ type: 'section', block_id: 's', text: { type: 'mrkdwn', text: 'Pick' }, accessory: { type: 'static_select', action_id: 'pick', options: [option('A', 'a')] } }], ctx, 'message');
    expect(html).toContain('data-bk-action="static_select" data-block-id="s" data-action-id="pick"');
  });

  it('accessory images are small pictures', () => {
    const html = renderBlocks([{ type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: { type: 'image', image_url: 'https://img.example/a.png', alt_text: 'a' } }], ctx, 'message');
    expect(html).toContain('<img class="bk-accessory-image" src="https://img.example/a.png" alt="a">');
  });
});

const inModal = (element: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  renderBlocks([{ type: 'input', block_id: 'b', label: plain('Label'), element: { action_id: 'a', ...element }, ...extra }], ctx, 'modal');
const inputHooks = (type: string) => `data-bk-input="${type}" data-action-id="a"`;

describe('modal inputs', () => {
  it('wraps the element with label, optional flag, hint and the error slot', () => {
    const html = inModal({ type: 'plain_text_input' }, { optional: true, hint: plain('Leave <empty>') });
    expect(html).toMatch(/^<div class="bk-block bk-input" data-block-id="b" data-optional><label>Label <span class="bk-optional">\(optional\)<\/span><\/label>/);
    expect(html).toContain('<div class="bk-hint">Leave &lt;empty&gt;</div><div class="bk-error" data-error-for="b"></div></div>');
    expect(inModal({ type: 'plain_text_input' })).not.toContain('data-optional');
  });

  it('plain_text_input: text input or textarea, pre-filled and escaped', () => {
    expect(inModal({ type: 'plain_text_input', initial_value: 'a "b"', max_length: 500, placeholder: plain('e.g.') })).toContain(
      `<input type="text" ${inputHooks('plain_text_input')} value="a &quot;b&quot;" placeholder="e.g." maxlength="500">`,
    );
    expect(inModal({ type: 'plain_text_input', multiline: true, initial_value: '</textarea><script>' })).toContain(`<textarea ${inputHooks('plain_text_input')} rows="4">&lt;/textarea&gt;&lt;script&gt;</textarea>`);
  });

  it('number, email and url inputs', () => {
    expect(inModal({ type: 'number_input', is_decimal_allowed: false, initial_value: '3', min_value: '1' })).toContain(`<input type="number" ${inputHooks('number_input')} value="3" step="1" min="1">`);
    expect(inModal({ type: 'number_input', is_decimal_allowed: true })).toContain('step="any"');
    expect(inModal({ type: 'email_text_input' })).toContain(`<input type="email" ${inputHooks('email_text_input')}`);
    expect(inModal({ type: 'url_text_input' })).toContain(`<input type="url" ${inputHooks('url_text_input')}`);
  });

  it('static_select and users_select: selects with the initial choice', () => {
    expect(inModal({ type: 'static_select', options: [option('P0', 'P0'), option('P1', 'P1')], initial_option: option('P1', 'P1') })).toContain(
      `<select ${inputHooks('static_select')}><option value="">Select an item</option><option value="P0">P0</option><option value="P1" selected>P1</option></select>`,
    );
    expect(inModal({ type: 'users_select', initial_user: 'U0ALICE' })).toContain('<option value="U0ALICE" selected>alice</option>');
  });

  it('multi selects: select multiple, no empty option, initial choices selected', () => {
    const html = inModal({ type: 'multi_static_select', options: [option('a', 'a'), option('b', 'b')], initial_options: [option('b', 'b')] });
    expect(html).toContain(`<select ${inputHooks('multi_static_select')} multiple><option value="a">a</option><option value="b" selected>b</option></select>`);
    expect(inModal({ type: 'multi_users_select', initial_users: ['U0ALICE', 'U0BOB'] })).toContain('<option value="U0ALICE" selected>alice</option><option value="U0BOB" selected>');
  });

  it('datepicker, timepicker, datetimepicker', () => {
    expect(inModal({ type: 'datepicker', initial_date: '2026-12-20' })).toContain(`<input type="date" ${inputHooks('datepicker')} value="2026-12-20">`);
    expect(inModal({ type: 'timepicker', initial_time: '09:30' })).toContain(`<input type="time" ${inputHooks('timepicker')} value="09:30">`);
    expect(inModal({ type: 'datetimepicker', initial_date_time: 1700000000 })).toContain('value="2023-11-14T22:13"');
  });

  it('checkboxes and radio buttons: groups of inputs carrying option values', () => {
    const boxes = inModal({ type: 'checkboxes', options: [option('Private', 'private'), { ...option('Loud', 'loud'), description: plain('pings') }], initial_options: [option('Private', 'private')] });
    expect(boxes).toContain(`<div class="bk-choices" ${inputHooks('checkboxes')}>`);
    expect(boxes).toContain('<input type="checkbox" name="b.a" value="private" checked> <span>Private</span>');
    expect(boxes).toContain('<input type="checkbox" name="b.a" value="loud"> <span>Loud</span><span class="bk-choice-description">pings</span>');
    const radios = inModal({ type: 'radio_buttons', options: [option('Yes', 'y'), option('No', 'n')], initial_option: option('No', 'n') });
    expect(radios).toContain(`<div class="bk-choices" ${inputHooks('radio_buttons')}>`);
    expect(radios).toContain('<input type="radio" name="b.a" value="n" checked>');
  });

  it('mrkdwn option labels lose their markup', () => {
    const html = inModal({ type: 'checkboxes', options: [{ text: { type: 'mrkdwn', text: '*Page* <@U0ALICE> &amp; co' }, value: 'p' }] });
    expect(html).toContain('<span>*Page* @alice &amp; co</span>');
  });

  it('lists the element types it can render', () => {
    for (const type of ['button', 'static_select', 'multi_static_select', 'users_select', 'multi_users_select', 'conversations_select', 'channels_select', 'overflow', 'datepicker', 'timepicker', 'datetimepicker', 'checkboxes', 'radio_buttons', 'plain_text_input', 'number_input', 'email_text_input', 'url_text_input', 'image', 'rich_text_input']) {
      expect(RENDERABLE_ELEMENT_TYPES.has(type), type).toBe(true);
    }
  });
});
