/** A first draft from the incident record, so nobody starts a postmortem from a blank page. */
import type { Incident } from '../incident/model.js';
import type { PostmortemDurations } from '../ports.js';
import type { PostmortemDraft } from './model.js';

/** 45s, 12m, 1h 12m, 2d 3h: the summary is plain text the author edits, so the core words it once here. */
export function roughDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  return hours % 24 ? `${Math.floor(hours / 24)}d ${hours % 24}h` : `${Math.floor(hours / 24)}d`;
}

export function prefillDraft(incident: Incident, durations: PostmortemDurations): PostmortemDraft {
  const service = incident.service ? ` on ${incident.service}` : '';
  const lasting = durations.toResolve !== null ? `, resolved after ${roughDuration(durations.toResolve)}` : '';
  return {
    summary: `${incident.severity} incident${service}: ${incident.title}${lasting}.`,
    impact: { who: incident.impact ?? '', what: '', costEstimate: null },
    rootCause: { category: 'unknown', narrative: '' },
    contributingFactors: '',
    wentWell: '',
    wentWrong: '',
    lessons: '',
    actionItems: [],
  };
}
