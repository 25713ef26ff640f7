/**
 * The small HTML page behind an incident's `html_url`, so links the bot posts in Slack lead somewhere in the demo.
 * Every piece of text is escaped: titles and notes come from chat.
 */
import type { DemoPagerDutyState, PdIncidentRecord } from './state.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const names = (state: DemoPagerDutyState, ids: string[]) => ids.map((id) => state.user(id)?.name ?? id).join(', ') || 'nobody';

export function incidentPage(state: DemoPagerDutyState, incident: PdIncidentRecord): string {
  const notes = incident.notes
    .map((n) => `<li><b>${escapeHtml(state.user(n.userId)?.name ?? n.userId)}</b> <time>${n.createdAt.toISOString()}</time><pre>${escapeHtml(n.content)}</pre></li>`)
    .join('');
  const rows: [string, string][] = [
    ['Status', incident.status],
    ['Urgency', incident.urgency],
    ['Service', state.directory.service.name],
    ['Escalation level', String(incident.escalationLevel)],
    ['Assigned to', names(state, incident.assigneeIds)],
    ['Acknowledged by', names(state, incident.acknowledgerIds)],
    ['Incident key', incident.incidentKey ?? '—'],
    ['Created', incident.createdAt.toISOString()],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>#${incident.number} ${escapeHtml(incident.title)} · Demo PagerDuty</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1c1d}
h1{font-size:1.4rem}th{text-align:left;padding-right:1rem;color:#555}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}
.badge{display:inline-block;padding:0 .5rem;border-radius:.3rem;background:#048a24;color:#fff}</style></head>
<body><p class="badge">Demo PagerDuty</p>
<h1>#${incident.number} ${escapeHtml(incident.title)}</h1>
<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h2>Details</h2><pre>${escapeHtml(incident.details ?? '')}</pre>
<h2>Notes</h2><ul>${notes || '<li>No notes yet.</li>'}</ul>
</body></html>`;
}

export function notFoundPage(what: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · Demo PagerDuty</title></head><body><p>${escapeHtml(what)} is not part of the demo PagerDuty.</p></body></html>`;
}
