/**
 * OnCallPort over PagerDuty's REST API v2. Pages are incidents created with an incident_key derived from
 * Warroom's incident id (or the manual page's dedup key), so a retried page finds the first one instead of
 * waking people twice. Every port call reports its duration and outcome once, through `onCall`.
 */
import { DomainError, IntegrationError, isDomainError } from '../../core/errors.js';
import type { ServiceDefinition, SeverityPolicy } from '../../core/incident/settings.js';
import type { Logger, OnCallPort, PageOutcome, PageRequest, Urgency } from '../../core/ports.js';
import { createPagerDutyHttp } from './http-client.js';
import { createIncident, pageOutcome } from './incidents.js';
import { listOnCalls } from './oncalls.js';
import { isAlreadyResolved, type PagerDutyOperation, PagerDutyError } from './pagerduty-error.js';
import { manualPageDetails, pageDetails, pageTitle } from './page-text.js';
import { resolveTarget, type ServiceCatalog, serviceIdFor } from './targets.js';

export const DEFAULT_PAGERDUTY_API_URL = 'https://api.pagerduty.com';
export const DEFAULT_PAGERDUTY_TIMEOUT_MS = 10_000;

export interface PagerDutyOnCallOptions {
  /** REST API key (PAGERDUTY_TOKEN); sent as `Authorization: Token token=…`, never logged. */
  token: string;
  /** Email of a PagerDuty user (PAGERDUTY_FROM), sent as `From` on every write. */
  from: string;
  /** https://api.pagerduty.com (default) or https://api.eu.pagerduty.com; https and a bare host only. */
  apiUrl?: string;
  /** PagerDuty service paged for war rooms without one and for manual pages (`pagerduty.default_service_id`). */
  defaultServiceId?: string | null;
  services: ServiceDefinition[];
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Wait before each of pdjs' 3 retries of a 429; default pdjs' own (20 s). */
  retryTimeoutMs?: number;
  logger?: Logger;
  /**
   * Called once per port call when it ends, with its outcome: `success`, `deduplicated`, `already_resolved`,
   * `not_paged`, `http_<status>`, `rate_limited`, `timeout`, `unreachable`, `invalid_response`, or a DomainError code.
   */
  onCall?: (operation: PagerDutyOperation, durationMs: number, outcome: string) => void;
}

const URGENCY: Record<Exclude<SeverityPolicy['page'], 'none'>, Urgency> = { escalation_policy: 'high', primary: 'high', low_urgency: 'low' };

export function createPagerDutyOnCall(options: PagerDutyOnCallOptions): OnCallPort {
  if (!options.token) throw new Error('PagerDuty needs a REST API key (PAGERDUTY_TOKEN).');
  if (!options.from) throw new Error('PagerDuty needs the email of a PagerDuty user to send as From (PAGERDUTY_FROM).');
  const http = createPagerDutyHttp({
    token: options.token,
    from: options.from,
    apiUrl: options.apiUrl ?? DEFAULT_PAGERDUTY_API_URL,
    timeoutMs: options.timeoutMs ?? DEFAULT_PAGERDUTY_TIMEOUT_MS,
    retryTimeoutMs: options.retryTimeoutMs,
  });
  const catalog: ServiceCatalog = { services: options.services, defaultServiceId: options.defaultServiceId ?? null };
  const { logger } = options;

  async function run<T>(operation: PagerDutyOperation, context: object, work: (setOutcome: (outcome: string) => void) => Promise<T>): Promise<T> {
    const started = performance.now();
    let outcome = 'success';
    try {
      return await work((o) => (outcome = o));
    } catch (err) {
      outcome = err instanceof PagerDutyError ? err.outcome : isDomainError(err) ? err.code.toLowerCase() : 'error';
      const reason = err instanceof IntegrationError ? err.reason : err instanceof Error ? err.message : String(err);
      logger?.warn({ operation, ...context, outcome, reason }, 'PagerDuty call failed');
      throw err;
    } finally {
      const durationMs = performance.now() - started;
      logger?.debug({ operation, ...context, outcome, durationMs }, 'PagerDuty call');
      try {
        options.onCall?.(operation, durationMs, outcome);
      } catch {
        // A broken metrics callback must not fail the call.
      }
    }
  }

  function requireId(operation: PagerDutyOperation, externalId: string): string {
    if (!/^[A-Za-z0-9]+$/.test(externalId)) throw new DomainError('BAD_INPUT', `"${externalId}" is not a PagerDuty incident id (${operation}).`);
    return externalId;
  }

  async function updateIncident(operation: PagerDutyOperation, externalId: string, fields: Record<string, unknown>): Promise<void> {
    const id = requireId(operation, externalId);
    await http.call(operation, { method: 'PUT', path: `/incidents/${id}`, body: { incident: { type: 'incident_reference', ...fields } } });
  }

  return {
    status: () => {
      const fallback = catalog.defaultServiceId ? `; default service ${catalog.defaultServiceId}` : '';
      return { configured: true, detail: `PagerDuty at ${http.host}, acting as ${options.from}${fallback}` };
    },

    pageForIncident(request: PageRequest): Promise<PageOutcome> {
      const { incident, policy } = request;
      const service = request.service ?? null;
      return run('pageForIncident', { incidentId: incident.id, severity: policy.name, page: policy.page }, async (setOutcome) => {
        if (policy.page === 'none') throw new DomainError('BAD_INPUT', `${policy.name} pages nobody: there is nothing to page.`);
        const serviceId = serviceIdFor(catalog, service);
        if (!serviceId) {
          setOutcome('not_paged');
          const why = service ? `service ${service.name} has no \`pagerduty.service_id\`` : 'the incident has no service';
          return { paged: false, summary: `Nobody was paged: ${why} and there is no \`pagerduty.default_service_id\` in warroom.yml.`, link: null, externalId: null, urgency: null, escalationPolicyId: null };
        }
        const where = service?.pagerDuty ? `service ${service.name} (${serviceId})` : `the default service (${serviceId})`;
        const whom = policy.page === 'escalation_policy' ? `the escalation policy of ${where}` : policy.page === 'primary' ? `the primary on call for ${where}` : where;
        const created = await createIncident(http, 'pageForIncident', {
          serviceId,
          title: pageTitle(incident),
          details: pageDetails(incident, policy, request.warRoomUrl ?? null),
          urgency: URGENCY[policy.page],
          incidentKey: `warroom-${incident.id}`,
          // SEV1-style pages name the policy so the whole of it escalates, level by level, as PagerDuty does.
          escalationPolicyId: policy.page === 'escalation_policy' ? (service?.pagerDuty?.escalationPolicyId ?? null) : null,
        });
        if (created.deduplicated) setOutcome('deduplicated');
        return pageOutcome(created, whom, { reportPolicy: true });
      });
    },

    whoIsOnCall({ escalationPolicyId, levels }) {
      return run('whoIsOnCall', { escalationPolicyId, levels }, () => listOnCalls(http, escalationPolicyId, levels));
    },

    escalationPolicyFor: (service) => service?.pagerDuty?.escalationPolicyId ?? null,

    setUrgency(externalId, urgency) {
      return run('setUrgency', { externalId, urgency }, () => updateIncident('setUrgency', externalId, { urgency }));
    },

    escalate(externalId, level) {
      return run('escalate', { externalId, level }, async () => {
        if (!Number.isInteger(level) || level < 1) throw new DomainError('BAD_INPUT', `Escalation level must be a whole number from 1, got ${level}.`);
        await updateIncident('escalate', externalId, { escalation_level: level });
      });
    },

    addNote(externalId, text) {
      return run('addNote', { externalId }, async () => {
        const id = requireId('addNote', externalId);
        await http.call('addNote', { method: 'POST', path: `/incidents/${id}/notes`, body: { note: { content: text } } });
      });
    },

    resolve(externalId) {
      return run('resolve', { externalId }, async (setOutcome) => {
        try {
          await updateIncident('resolve', externalId, { status: 'resolved' });
        } catch (err) {
          // Resolved in PagerDuty first (by the responder, or by an earlier try of ours): the goal is met.
          if (!isAlreadyResolved(err)) throw err;
          setOutcome('already_resolved');
        }
      });
    },

    pageTarget(request) {
      return run('pageTarget', { target: request.target.kind, dedupKey: request.dedupKey }, async (setOutcome) => {
        const target = await resolveTarget(http, catalog, request.target, request.incident);
        const created = await createIncident(http, 'pageTarget', {
          serviceId: target.serviceId,
          title: request.title,
          details: manualPageDetails(request),
          urgency: 'high',
          incidentKey: request.dedupKey,
          escalationPolicyId: target.escalationPolicyId,
          assigneeUserId: target.assigneeUserId,
        });
        if (created.deduplicated) setOutcome('deduplicated');
        // A user page is assigned directly: no policy was paged, so there is no on-call list to follow.
        return pageOutcome(created, target.label, { reportPolicy: request.target.kind !== 'user' });
      });
    },
  };
}
