/**
 * The on-call part of IncidentViews: who was paged, a failed page (Retry), an unacknowledged page, an
 * acknowledgement, a page resolved on the on-call side, and a page triggered outside Warroom.
 * Wording lives in hbs/*.mrkdwn.hbs; buttons and Slack's limits here.
 */
import type { Incident } from '../core/incident/model.js';
import type { IncidentViews, PagedResponder } from '../core/ports.js';
import { DECLARE_FROM_PAGE_ACTION_ID, RESOLVE_FROM_PAGE_ACTION_ID, RETRY_PAGE_ACTION_ID } from './blocks/action-ids.js';
import { actions, button, message, sections } from './blocks/kit.js';
import { escapeMrkdwn } from './escape.js';
import type { TemplateRenderer } from './render.js';
import { incidentModel, type ViewContext } from './view-model.js';

type OnCallViews = Pick<IncidentViews, 'paged' | 'pageFailed' | 'ackOverdue' | 'pageAcknowledged' | 'pageResolved' | 'pageTriggered'>;

/** How a person shows in fallback text: a mention for Slack ids, the escaped name otherwise. */
export const personMrkdwn = (person: { name: string; slackUserId: string | null }): string =>
  person.slackUserId ? `<@${person.slackUserId}>` : escapeMrkdwn(person.name);

const responderModel = (r: PagedResponder) => ({ name: r.name, slackUserId: r.slackUserId, level: r.level, until: r.until });

/** Fallback text names the incident; a private one only by number outside its war room (the announce channel). */
const ref = (incident: Incident): string => `${escapeMrkdwn(incident.severity)} incident #${incident.id}`;

export function createOnCallViews(renderer: TemplateRenderer, ctx: ViewContext): OnCallViews {
  const model = (incident: Incident) => incidentModel(ctx, incident);
  const body = (name: string, data: object) => sections(renderer.render(name, data));

  return {
    paged(incident, page) {
      const responders = page.responders.map(responderModel);
      const data = { ...model(incident), ...page, pageSeverity: page.severity, responders, hasResponders: responders.length > 0 };
      const who = page.responders.length > 0 ? page.responders.map(personMrkdwn).join(', ') : 'on-call';
      return message(`:pager: Paged ${who} for ${ref(incident)}`, body('paged.mrkdwn', data));
    },

    pageFailed(incident, { severity, reason }) {
      const data = { ...model(incident), pageSeverity: severity, reason };
      return message(`:warning: Paging on-call failed for ${ref(incident)}: ${escapeMrkdwn(reason)}`, [
        ...body('page-failed.mrkdwn', data),
        actions([button('Retry paging', RETRY_PAGE_ACTION_ID, String(incident.id), 'primary')], `page_retry_${incident.id}`),
      ]);
    },

    ackOverdue(incident, overdue) {
      const escalatedTo = overdue.escalatedTo
        ? { level: overdue.escalatedTo.level, responders: overdue.escalatedTo.responders.map(responderModel), hasResponders: overdue.escalatedTo.responders.length > 0 }
        : null;
      const data = { ...model(incident), ...overdue, escalatedTo };
      const next = overdue.escalatedTo ? `; escalated to level ${overdue.escalatedTo.level}` : '';
      return message(`:rotating_light: Nobody acknowledged the page for ${ref(incident)} within ${overdue.deadlineMinutes} min${next}`, body('ack-overdue.mrkdwn', data));
    },

    pageAcknowledged(incident, ack) {
      const data = { ...model(incident), ...ack };
      return message(`:white_check_mark: Page for ${ref(incident)} acknowledged${ack.by ? ` by ${personMrkdwn(ack.by)}` : ''}`, body('page-acknowledged.mrkdwn', data));
    },

    pageResolved(incident, resolved) {
      const data = { ...model(incident), ...resolved };
      return message(`:large_green_circle: The page for ${ref(incident)} was resolved in PagerDuty: resolve the incident too?`, [
        ...body('page-resolved.mrkdwn', data),
        actions([button('Resolve in Warroom', RESOLVE_FROM_PAGE_ACTION_ID, String(incident.id), 'primary')], `page_resolved_${incident.id}`),
      ]);
    },

    pageTriggered(page) {
      const data = { ...page, linkLabel: page.number !== null ? `PagerDuty incident #${page.number}` : 'Open in PagerDuty' };
      return message(`:pager: PagerDuty page on ${escapeMrkdwn(page.service)}: ${escapeMrkdwn(page.title)}`, [
        ...body('page-triggered.mrkdwn', data),
        actions([button('Declare war room', DECLARE_FROM_PAGE_ACTION_ID, page.declareValue, 'primary')], `page_triggered_${page.number ?? 'x'}`),
      ]);
    },
  };
}
