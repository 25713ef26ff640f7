/**
 * The HTML pages behind the demo's `html_url`s (issues, pull requests, releases), so links the bot posts lead
 * somewhere. Issue bodies are markdown written from chat: shown as escaped text, never as HTML.
 */
import type { GhIssueRecord, GhPullRecord, GhReleaseRecord } from './state.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function layout(title: string, repoName: string, content: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · ${escapeHtml(repoName)} · Demo GitHub</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem;font-weight:500}.muted{color:#59636e}.state{display:inline-block;padding:.1rem .6rem;border-radius:1rem;color:#fff;background:#1f883d}
.state.closed{background:#8250df}.label{display:inline-block;padding:0 .5rem;margin-right:.3rem;border-radius:1rem;border:1px solid #d1d9e0;background:#f6f8fa;font-size:.85rem}
pre{white-space:pre-wrap;word-wrap:break-word;font:14px/1.5 ui-monospace,monospace;background:#f6f8fa;padding:1rem;border-radius:.4rem}
.comment{border:1px solid #d1d9e0;border-radius:.4rem;margin:1rem 0}.comment header{background:#f6f8fa;padding:.4rem 1rem;border-bottom:1px solid #d1d9e0}.comment pre{margin:0;background:none}</style></head>
<body><p class="muted">Demo GitHub · ${escapeHtml(repoName)}</p>
${content}
</body></html>`;
}

export function issuePage(repoName: string, issue: GhIssueRecord): string {
  const labels = issue.labels.map((l) => `<span class="label">${escapeHtml(l)}</span>`).join('') || '<span class="muted">None yet</span>';
  const assignees = issue.assignees.map(escapeHtml).join(', ') || '<span class="muted">No one assigned</span>';
  const comments = issue.comments
    .map((c) => `<section class="comment" id="issuecomment-${c.id}"><header><b>${escapeHtml(c.author)}</b> <span class="muted">commented ${c.createdAt.toISOString()}</span></header><pre>${escapeHtml(c.body)}</pre></section>`)
    .join('\n');
  return layout(
    `${issue.title} #${issue.number}`,
    repoName,
    `<h1>${escapeHtml(issue.title)} <span class="muted">#${issue.number}</span></h1>
<p><span class="state ${issue.state}">${issue.state === 'open' ? 'Open' : 'Closed'}</span> <span class="muted">opened by ${escapeHtml(issue.author)} ${issue.createdAt.toISOString()}</span></p>
<p><b>Labels</b> ${labels}</p>
<p><b>Assignees</b> ${assignees}</p>
<pre>${escapeHtml(issue.body)}</pre>
${comments}`,
  );
}

export function pullPage(repoName: string, pull: GhPullRecord): string {
  const state = pull.mergedAt ? `merged ${pull.mergedAt.toISOString()}` : pull.closedAt ? 'closed' : 'open';
  return layout(
    `${pull.title} #${pull.number}`,
    repoName,
    `<h1>${escapeHtml(pull.title)} <span class="muted">#${pull.number}</span></h1><p class="muted">${escapeHtml(pull.author)} wants to merge ${escapeHtml(pull.head)} into ${escapeHtml(pull.base)} · ${state}</p>`,
  );
}

export function releasePage(repoName: string, release: GhReleaseRecord): string {
  return layout(release.name, repoName, `<h1>${escapeHtml(release.name)}</h1><p class="muted">${escapeHtml(release.tag)} · published by ${escapeHtml(release.author)} ${release.publishedAt?.toISOString() ?? '(draft)'}</p>`);
}

export function notFoundPage(repoName: string): string {
  return layout('Not found', repoName, '<h1>Not found</h1><p>This page is not part of the demo GitHub.</p>');
}
