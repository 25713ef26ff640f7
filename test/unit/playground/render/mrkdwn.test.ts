import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, escapeMrkdwnMessage } from '../../../../src/templates/escape.js';
import { renderMrkdwn, renderPlainText } from '../../../../src/playground/web/render/index.js';
import { ctx } from './support.js';

const md = (text: string) => renderMrkdwn(text, ctx);

describe('mrkdwn entities', () => {
  it('shows user mentions with the display name, the label, or the id', () => {
    expect(md('<@U0ALICE>')).toBe('<span class="bk-mention" data-user-id="U0ALICE">@alice</span>');
    expect(md('<@U0NOBODY|carol>')).toContain('>@carol</span>');
    expect(md('<@U0NOBODY>')).toContain('>@U0NOBODY</span>');
  });

  it('escapes display names from the workspace', () => {
    expect(md('<@U0BOB>')).toContain('@bob &lt;b&gt;');
  });

  it('shows channels by name', () => {
    expect(md('<#C0WARROOM>')).toBe('<span class="bk-channel-link" data-channel-id="C0WARROOM">#inc-42</span>');
    expect(md('<#C0OTHER|random>')).toContain('#random</span>');
  });

  it('renders broadcasts as highlighted spans, never as raw pings', () => {
    for (const word of ['here', 'channel', 'everyone']) {
      const html = md(`hey <!${word}> look`);
      expect(html).toBe(`hey <span class="bk-mention bk-broadcast">@${word}</span> look`);
      expect(html).not.toContain('<!');
    }
  });

  it('shows user groups by handle', () => {
    expect(md('<!subteam^S0OPS>')).toContain('data-group-id="S0OPS">@ops-team</span>');
    expect(md('<!subteam^S0NEW|@db-team>')).toContain('>@db-team</span>');
  });

  it('formats dates, falling back to the label when the stamp is bad', () => {
    expect(md('<!date^1700000000^{date_num} {time}|x>')).toBe('<time class="bk-date" datetime="2023-11-14T22:13:20.000Z">2023-11-14 10:13 PM</time>');
    expect(md('<!date^nope^{date}|the fallback>')).toContain('the fallback');
  });

  it('makes web and mail links clickable, opening elsewhere', () => {
    expect(md('<https://example.com/a?b=1&amp;c=2|the docs>')).toBe('<a class="bk-link" href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>');
    expect(md('<https://example.com>')).toContain('>https://example.com</a>');
    expect(md('<mailto:ops@example.com|mail ops>')).toContain('href="mailto:ops@example.com"');
    expect(md('<mailto:ops@example.com>')).toContain('>ops@example.com</a>');
  });

  it('never turns other schemes into links', () => {
    const html = md('<javascript:alert(1)|click>');
    expect(html).not.toContain('<a');
    expect(html).toBe('&lt;javascript:alert(1)|click&gt;');
  });

  it('escapes HTML in link labels', () => {
    expect(md('<https://x.example|&lt;img src=x onerror=alert(1)&gt;>')).toContain('>&lt;img src=x onerror=alert(1)&gt;</a>');
  });
});

describe('mrkdwn escaping', () => {
  it('keeps user-typed <script> inert, escaped by Slack or not', () => {
    expect(md('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md('<script>alert(1)</script>')).not.toMatch(/<script/i);
    expect(md('a " quote & \'single\'')).toBe('a &quot; quote &amp; &#39;single&#39;');
  });

  it('shows what the bot escaped as typed: no broadcast, no formatting, no link', () => {
    const typed = 'Checkout <!channel> @here *bold* _it_ ~gone~ `code` & <https://evil.example|click>';
    for (const escaped of [escapeMrkdwn(typed)]) {
      const html = md(escaped);
      expect(html).not.toContain('bk-broadcast');
      expect(html).not.toMatch(/<(b|i|s|code|a)[ >]/);
      expect(html.replace(/\u200B/g, '')).toContain('Checkout &lt;!channel&gt; @here *bold* _it_ ~gone~ `code` &amp; &lt;https://evil.example|click&gt;');
    }
  });

  it('keeps a person\'s own formatting and mentions in messages the bot relays', () => {
    const html = md(escapeMrkdwnMessage('*rolled back* <@U0ALICE> <!here>'));
    expect(html).toContain('<b>rolled back</b>');
    expect(html).toContain('@alice');
    expect(html).not.toContain('bk-broadcast');
  });

  it('ignores the private-use characters it uses internally', () => {
    expect(md('\uE0000\uE001 <@U0ALICE>')).toBe('0 <span class="bk-mention" data-user-id="U0ALICE">@alice</span>');
  });
});

describe('mrkdwn formatting', () => {
  it('styles bold, italic, strike and code at word edges', () => {
    expect(md('*bold* _it_ ~gone~ `x = 1`')).toBe('<b>bold</b> <i>it</i> <s>gone</s> <code class="bk-code">x = 1</code>');
    expect(md('(*a*), *b*.')).toBe('(<b>a</b>), <b>b</b>.');
  });

  it('nests styles and formats across mentions', () => {
    expect(md('_*both*_')).toBe('<i><b>both</b></i>');
    expect(md('*<@U0ALICE> is IC*')).toBe('<b><span class="bk-mention" data-user-id="U0ALICE">@alice</span> is IC</b>');
  });

  it('leaves delimiters inside words and unmatched ones alone', () => {
    expect(md('db_primary_lag and 2*3*4')).toBe('db_primary_lag and 2*3*4');
    expect(md('* not bold *')).toBe('* not bold *');
    expect(md('a *b')).toBe('a *b');
  });

  it('does not format inside code', () => {
    expect(md('`*x* <@U0ALICE>`')).toBe('<code class="bk-code">*x* <span class="bk-mention" data-user-id="U0ALICE">@alice</span></code>');
  });

  it('turns line breaks into <br> and keeps bullets as text', () => {
    expect(md('• one\n• two')).toBe('• one<br>• two');
  });

  it('renders preformatted blocks without formatting, and the lines around them', () => {
    expect(md('*Pods:*\n```\nzone  *nodes*\na &lt; b\n```\nafter')).toBe('<b>Pods:</b><pre class="bk-pre">zone  *nodes*\na &lt; b</pre>after');
    expect(md('an ``` unclosed fence')).toBe('an ``` unclosed fence');
  });

  it('groups quote lines into one blockquote', () => {
    expect(md('&gt; first\n&gt; *second*\nplain')).toBe('<blockquote class="bk-quote">first<br><b>second</b></blockquote>plain');
  });

  it('replaces known emoji codes and keeps unknown ones and times', () => {
    expect(md(':rotating_light: :white_check_mark: :custom-thing: 12:30:45')).toBe('🚨 ✅ :custom-thing: 12:30:45');
    expect(md('`:fire:`')).toBe('<code class="bk-code">:fire:</code>');
  });
});

describe('plain text', () => {
  it('escapes, replaces emoji and keeps line breaks; no mrkdwn', () => {
    expect(renderPlainText('<b>*x*</b> & :fire:\nnext')).toBe('&lt;b&gt;*x*&lt;/b&gt; &amp; 🔥<br>next');
  });
});
