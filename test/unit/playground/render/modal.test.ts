import { describe, expect, it } from 'vitest';
import { renderModal } from '../../../../src/playground/web/render/index.js';
import { ctx } from './support.js';

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const view = {
  type: 'modal',
  callback_id: 'cb',
  title: plain('Declare <incident>'),
  submit: plain('Declare'),
  close: plain('Never mind'),
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: '*Heads up*' } },
    { type: 'input', block_id: 'title', label: plain('Title'), element: { type: 'plain_text_input', action_id: 't' } },
  ],
};

describe('modal', () => {
  it('has title, body and the close and submit buttons', () => {
    const html = renderModal(view, ctx);
    expect(html).toMatch(/^<div class="bk-modal-title">Declare &lt;incident&gt;<\/div><div class="bk-modal-body"><div class="bk-block bk-section" data-block-id="auto-0">/);
    expect(html).toMatch(/<\/div><div class="bk-modal-actions"><button type="button" data-modal="close">Never mind<\/button><button type="button" data-modal="submit" class="bk-primary">Declare<\/button><\/div>$/);
  });

  it('puts each validation error under its block', () => {
    const html = renderModal(view, ctx, { title: 'Say what is <broken>' });
    expect(html).toContain('<div class="bk-error" data-error-for="title">Say what is &lt;broken&gt;</div>');
  });

  it('has no submit button without one, and Slack\'s default close label', () => {
    const html = renderModal({ type: 'modal', title: plain('Info'), blocks: [] }, ctx);
    expect(html).not.toContain('data-modal="submit"');
    expect(html).toContain('<button type="button" data-modal="close">Cancel</button>');
  });
});
