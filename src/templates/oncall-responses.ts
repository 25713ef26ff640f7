/** Ephemeral replies of `/incident page` and `/incident oncall`. */
import type { ManualPageResult, OnCallResult } from '../core/incident/api.js';
import type { ChatMessage, PageTarget } from '../core/ports.js';
import { context, header, message, sections } from './blocks/kit.js';
import { escapeMrkdwn } from './escape.js';
import type { TemplateRenderer } from './render.js';
import { personMrkdwn } from './oncall-views.js';

/** Only plain http(s) links become Slack links (as the `link` template helper does). */
const SAFE_URL = /^https?:\/\/[^\s<>|]+$/;

export interface OnCallResponses {
  /** What `/incident page` did. */
  manualPage(result: ManualPageResult): ChatMessage;
  /** Who is on call now, per level, until when. */
  onCall(result: OnCallResult): ChatMessage;
}

function targetMrkdwn(target: PageTarget, result: ManualPageResult): string {
  if (target.kind === 'user') {
    const person = result.responders[0];
    return person?.slackUserId ? `<@${person.slackUserId}>` : escapeMrkdwn(target.email);
  }
  return target.kind === 'service' ? `service *${escapeMrkdwn(target.name)}*` : `escalation policy *${escapeMrkdwn(target.idOrName)}*`;
}

/** Handlebars sees plain data: entries grouped by level, lowest first. */
function levelsOf(result: OnCallResult) {
  const levels = new Map<number, { name: string; slackUserId: string | null; until: Date | null; schedule: string | null }[]>();
  for (const entry of [...result.entries].sort((a, b) => a.level - b.level)) {
    const people = levels.get(entry.level) ?? [];
    people.push({ name: entry.person.name, slackUserId: entry.slackUserId, until: entry.until, schedule: entry.schedule?.name ?? null });
    levels.set(entry.level, people);
  }
  return [...levels].map(([level, people]) => ({ level, people }));
}

export function createOnCallResponses(renderer: TemplateRenderer): OnCallResponses {
  return {
    manualPage(result) {
      const { incident, outcome, target, invited } = result;
      const urgency = outcome.urgency ? ` (${outcome.urgency} urgency)` : '';
      const lines = [
        incident
          ? `:pager: Paged ${targetMrkdwn(target, result)}${urgency} for incident #${incident.id}.`
          : `:pager: Paged ${targetMrkdwn(target, result)}${urgency}.`,
      ];
      if (result.responders.length > 0 && target.kind !== 'user') lines.push(`On call: ${result.responders.map(personMrkdwn).join(', ')}.`);
      if (invited.length > 0) lines.push(`Invited to the war room: ${invited.map((u) => `<@${u}>`).join(', ')}.`);
      if (outcome.link && SAFE_URL.test(outcome.link)) lines.push(`<${outcome.link}|Open the page in PagerDuty>`);
      const text = lines.join('\n');
      const hint = incident ? null : context('Not in a war room: if this becomes an incident, `/incident declare …` opens one.');
      return message(lines[0]!, [...sections(text), hint]);
    },

    onCall(result) {
      const scope = result.service ? `service ${result.service}` : 'the default escalation policy';
      const heading = `On call now for ${scope}`;
      const body = renderer.render('oncall.mrkdwn', { levels: levelsOf(result) });
      return message(escapeMrkdwn(heading), [header(heading), ...sections(body), context(`Escalation policy ${escapeMrkdwn(result.policyId)} · page them with \`/incident page\``)]);
    },
  };
}
