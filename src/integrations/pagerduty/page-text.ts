/**
 * What a page says on the responder's phone and in the PagerDuty incident: a title that leads with the severity,
 * and details with what happened, how bad, and where the war room is.
 */
import type { Incident } from '../../core/incident/model.js';
import type { SeverityPolicy } from '../../core/incident/settings.js';
import type { ManualPageRequest } from '../../core/ports.js';

export function pageTitle(incident: Incident): string {
  return `[${incident.severity}] ${incident.title}`;
}

export function pageDetails(incident: Incident, policy: SeverityPolicy, warRoomUrl: string | null): string {
  const lines = [
    `Warroom incident #${incident.id}: ${incident.title}`,
    `Severity: ${policy.name}${policy.label && policy.label !== policy.name ? ` (${policy.label})` : ''}`,
    incident.service ? `Service: ${incident.service}` : null,
    incident.impact ? `Impact: ${incident.impact}` : null,
    `War room: ${warRoomUrl ?? warRoomName(incident)}`,
  ];
  return lines.filter((line): line is string => line !== null).join('\n');
}

export function manualPageDetails(request: ManualPageRequest): string {
  const { incident } = request;
  const lines = [
    request.message,
    incident ? `Warroom incident #${incident.id} [${incident.severity}]: ${incident.title}` : null,
    incident?.impact ? `Impact: ${incident.impact}` : null,
    request.warRoomUrl ? `War room: ${request.warRoomUrl}` : incident ? `War room: ${warRoomName(incident)}` : null,
  ];
  const text = lines.filter((line): line is string => !!line).join('\n');
  return text || request.title;
}

function warRoomName(incident: Incident): string {
  return incident.channelName ? `#${incident.channelName} in Slack` : 'not created yet';
}
