import { describe, expect, it } from 'vitest';
import { renderBlocks, renderMessageBody, RENDERABLE_BLOCK_TYPES } from '../../../../src/playground/web/render/index.js';
import { ctx } from './support.js';

const one = (block: Record<string, unknown>, surface: 'message' | 'modal' = 'message') => renderBlocks([block], ctx, surface);
const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

describe('blocks', () => {
  it('wraps every block with its type and block id, generating positional ids like Slack does', () => {
    const html = renderBlocks([{ type: 'divider' }, { type: 'divider', block_id: 'mine' }], ctx, 'message');
    expect(html).toBe('<div class="bk-block bk-divider" data-block-id="auto-0"><hr></div><div class="bk-block bk-divider" data-block-id="mine"><hr></div>');
  });

  it('header: plain text, escaped, with emoji', () => {
    expect(one({ type: 'header', text: plain(':rotating_light: SEV1 <b>down</b>') })).toContain('<div class="bk-header-text">🚨 SEV1 &lt;b&gt;down&lt;/b&gt;</div>');
  });

  it('section: mrkdwn text, fields, and an accessory button', () => {
    const html = one({
      type: 'section',
      block_id: 'sec',
      text: mrkdwn('*Status:* investigating'),
      fields: [mrkdwn('*Commander*\n<@U0ALICE>'), plain('*not bold*')],
      accessory: { type: 'button', text: plain('Open'), action_id: 'open', value: '1' },
    });
    expect(html).toContain('<div class="bk-section-text"><b>Status:</b> investigating</div>');
    expect(html).toContain('<div class="bk-field"><b>Commander</b><br><span class="bk-mention" data-user-id="U0ALICE">@alice</span></div>');
    expect(html).toContain('<div class="bk-field">*not bold*</div>');
    expect(html).toContain('<div class="bk-accessory"><button type="button" class="bk-button" data-bk-action="button" data-block-id="sec" data-action-id="open">Open</button></div>');
  });

  it('section: plain_text text stays unformatted', () => {
    expect(one({ type: 'section', text: plain('#7 *x* <@U0ALICE>') })).toContain('#7 *x* &lt;@U0ALICE&gt;');
  });

  it('context: mrkdwn, plain and image elements', () => {
    const html = one({ type: 'context', elements: [mrkdwn('by <@U0ALICE>'), plain('_plain_'), { type: 'image', image_url: 'https://img.example/a.png', alt_text: 'logo "x"' }] });
    expect(html).toContain('<span class="bk-context-text">by <span class="bk-mention" data-user-id="U0ALICE">@alice</span></span>');
    expect(html).toContain('<span class="bk-context-text">_plain_</span>');
    expect(html).toContain('<img class="bk-context-image" src="https://img.example/a.png" alt="logo &quot;x&quot;">');
  });

  it('actions: each element knows its block and action ids', () => {
    const html = one({ type: 'actions', elements: [{ type: 'button', text: plain('A'), action_id: 'a' }, { type: 'button', text: plain('B') }] });
    expect(html).toContain('data-block-id="auto-0" data-action-id="a"');
    expect(html).toContain('data-block-id="auto-0" data-action-id="auto-1"');
  });

  it('image: title and picture; unsafe URLs get no src', () => {
    expect(one({ type: 'image', image_url: 'https://img.example/graph.png', alt_text: 'graph', title: plain('Errors') })).toContain(
      '<div class="bk-image-title">Errors</div><img class="bk-image" src="https://img.example/graph.png" alt="graph">',
    );
    expect(one({ type: 'image', image_url: 'javascript:alert(1)', alt_text: 'x' })).not.toContain('src=');
  });

  it('input blocks render in messages too', () => {
    expect(one({ type: 'input', block_id: 'i', label: plain('Note'), element: { type: 'plain_text_input', action_id: 'n' } })).toContain('data-bk-input="plain_text_input"');
  });

  it('rich_text: sections with styled text, links, mentions and emoji', () => {
    const html = one({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'text', text: 'Hi ', style: { bold: true } },
            { type: 'user', user_id: 'U0ALICE' },
            { type: 'text', text: ' <see> ' },
            { type: 'link', url: 'https://x.example', text: 'docs' },
            { type: 'link', url: 'javascript:alert(1)', text: 'bad' },
            { type: 'channel', channel_id: 'C0GENERAL' },
            { type: 'usergroup', usergroup_id: 'S0OPS' },
            { type: 'broadcast', range: 'channel' },
            { type: 'emoji', name: 'fire' },
            { type: 'emoji', name: 'custom', unicode: '1f600' },
            { type: 'text', text: 'x', style: { code: true, italic: true, strike: true } },
          ],
        },
      ],
    });
    expect(html).toContain('<b>Hi </b><span class="bk-mention" data-user-id="U0ALICE">@alice</span> &lt;see&gt; <a class="bk-link" href="https://x.example"');
    expect(html).toContain('>docs</a>bad<span class="bk-channel-link" data-channel-id="C0GENERAL">#general</span>');
    expect(html).toContain('@ops-team</span><span class="bk-mention bk-broadcast">@channel</span>🔥😀<s><i><code class="bk-code">x</code></i></s>');
  });

  it('rich_text: lists, quotes and preformatted', () => {
    const section = (text: string) => ({ type: 'rich_text_section', elements: [{ type: 'text', text }] });
    const html = one({
      type: 'rich_text',
      elements: [
        { type: 'rich_text_list', style: 'ordered', elements: [section('one'), section('two')] },
        { type: 'rich_text_list', style: 'bullet', indent: 1, elements: [section('dot')] },
        { type: 'rich_text_quote', elements: [{ type: 'text', text: 'quoted' }] },
        { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'a < b' }] },
      ],
    });
    expect(html).toContain('<ol class="bk-rt-list"><li>one</li><li>two</li></ol><ul class="bk-rt-list" data-indent="1"><li>dot</li></ul>');
    expect(html).toContain('<blockquote class="bk-quote">quoted</blockquote><pre class="bk-pre">a &lt; b</pre>');
  });

  it('file: a placeholder; video: a link with its thumbnail', () => {
    expect(one({ type: 'file', external_id: 'runbook-1', source: 'remote' })).toContain('📎 File runbook-1');
    const video = one({ type: 'video', title: plain('Demo'), video_url: 'https://v.example/embed', thumbnail_url: 'https://v.example/t.png', alt_text: 'demo' });
    expect(video).toContain('<a class="bk-link" href="https://v.example/embed" target="_blank" rel="noopener noreferrer">▶ Demo</a>');
    expect(video).toContain('src="https://v.example/t.png"');
  });

  it('markdown and table blocks', () => {
    expect(one({ type: 'markdown', text: '# Title\n**b** [l](https://x.example) [j](javascript:x) <i>' })).toContain(
      '<div class="bk-md-h1">Title</div><b>b</b> <a class="bk-link" href="https://x.example" target="_blank" rel="noopener noreferrer">l</a> [j](javascript:x) &lt;i&gt;',
    );
    expect(one({ type: 'table', rows: [[{ type: 'raw_text', text: 'a<b' }]] })).toContain('<td>a&lt;b</td>');
  });

  it('marks unknown and malformed blocks instead of throwing', () => {
    expect(renderBlocks([{ type: 'call', call_id: 'R1' }], ctx, 'message')).toBe('<div class="bk-unsupported" data-unsupported="call">unsupported block: call</div>');
    expect(renderBlocks([null, 'x', { type: '<img>' }], ctx, 'message')).toContain('data-unsupported="&lt;img&gt;"');
    expect(renderBlocks([{ type: 'section', fields: 'not a list', text: 7 }], ctx, 'message')).toContain('bk-section');
    expect(renderBlocks([{ type: 'actions', elements: [{ type: 'fancy_widget' }] }], ctx, 'message')).toContain('unsupported element: fancy_widget');
  });

  it('lists what it can render', () => {
    for (const type of ['header', 'section', 'context', 'divider', 'actions', 'image', 'input', 'rich_text', 'file', 'video']) expect(RENDERABLE_BLOCK_TYPES.has(type)).toBe(true);
    expect(RENDERABLE_BLOCK_TYPES.has('call')).toBe(false);
  });
});

describe('message body', () => {
  it('uses blocks when there are any, else the mrkdwn text', () => {
    expect(renderMessageBody({ text: 'fallback', blocks: [{ type: 'divider' }] }, ctx)).not.toContain('fallback');
    expect(renderMessageBody({ text: '*hi* <!here>', blocks: [] }, ctx)).toBe('<b>hi</b> <span class="bk-mention bk-broadcast">@here</span>');
    expect(renderMessageBody({ text: 'just text' }, ctx)).toBe('just text');
  });
});
