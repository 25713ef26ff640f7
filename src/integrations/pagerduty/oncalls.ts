/**
 * Who is on call for an escalation policy now: GET /oncalls with `include[]=users`, so each entry carries the
 * user's name and email (for Slack's users.lookupByEmail) without one more call per person.
 */
import type { OnCallEntry } from '../../core/ports.js';
import type { PagerDutyHttp } from './http-client.js';
import { PagerDutyError } from './pagerduty-error.js';
import { hasId, isRecord, type PdOnCall } from './wire.js';

export async function listOnCalls(http: PagerDutyHttp, escalationPolicyId: string, levels?: number[]): Promise<OnCallEntry[]> {
  const raw = await http.list('whoIsOnCall', '/oncalls', 'oncalls', {
    'escalation_policy_ids[]': [escalationPolicyId],
    'include[]': ['users'],
  });
  const wanted = levels && levels.length > 0 ? new Set(levels) : null;
  const entries = raw.map((item) => toEntry(item, http.host)).filter((entry) => !wanted || wanted.has(entry.level));
  return dedupe(entries).sort((a, b) => a.level - b.level || a.person.name.localeCompare(b.person.name) || a.person.id.localeCompare(b.person.id));
}

function toEntry(item: unknown, host: string): OnCallEntry {
  const oncall = (isRecord(item) ? item : {}) as PdOnCall;
  const { user, escalation_policy: policy, schedule } = oncall;
  if (!hasId(user) || !hasId(policy) || typeof oncall.escalation_level !== 'number') {
    throw new PagerDutyError('whoIsOnCall', `unexpected answer from ${host}: an on-call entry without user, escalation policy or level`, false, 'invalid_response');
  }
  return {
    level: oncall.escalation_level,
    person: {
      id: user.id,
      name: user.name ?? user.summary ?? user.id,
      email: typeof user.email === 'string' && user.email !== '' ? user.email : null,
    },
    until: dateOrNull(oncall.end),
    escalationPolicy: { id: policy.id, name: policy.summary ?? policy.id },
    schedule: hasId(schedule) ? { id: schedule.id, name: schedule.summary ?? schedule.id } : null,
  };
}

function dateOrNull(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * One entry per user and level: someone on a level through two schedules (or two back-to-back shifts) is one
 * person to invite; the latest `until` is kept, null (permanently on call) beating any date.
 */
function dedupe(entries: OnCallEntry[]): OnCallEntry[] {
  const byKey = new Map<string, OnCallEntry>();
  for (const entry of entries) {
    const key = `${entry.level}:${entry.person.id}`;
    const seen = byKey.get(key);
    if (!seen || (seen.until !== null && (entry.until === null || entry.until > seen.until))) byKey.set(key, entry);
  }
  return [...byKey.values()];
}
