/**
 * Whom `/incident page` pages, as PagerDuty sees it: a user (found by email, assigned directly), a configured
 * Warroom service (its PagerDuty service and policy), or an escalation policy (by id, or found by name).
 */
import { DomainError } from '../../core/errors.js';
import type { Incident } from '../../core/incident/model.js';
import type { ServiceDefinition } from '../../core/incident/settings.js';
import type { PageTarget } from '../../core/ports.js';
import type { PagerDutyHttp } from './http-client.js';
import { hasId, type PdEscalationPolicy, type PdUser } from './wire.js';

export interface ServiceCatalog {
  services: ServiceDefinition[];
  defaultServiceId: string | null;
}

export interface ResolvedTarget {
  serviceId: string;
  escalationPolicyId: string | null;
  assigneeUserId: string | null;
  /** For the summary: `user Ada Lovelace <ada@example.com>`, `service checkout (PSVC001)` … */
  label: string;
}

/** Looks like a PagerDuty id (PABC123) rather than a name. */
const PAGERDUTY_ID = /^P[A-Z0-9]{5,}$/;

export function findService(catalog: ServiceCatalog, name: string): ServiceDefinition | null {
  const wanted = name.trim().toLowerCase();
  return catalog.services.find((service) => service.name.toLowerCase() === wanted) ?? null;
}

/** The PagerDuty service a page for this incident lands on: the incident's service when it has one, else the default. */
export function serviceIdFor(catalog: ServiceCatalog, service: ServiceDefinition | null): string | null {
  return service?.pagerDuty?.serviceId ?? catalog.defaultServiceId;
}

function incidentServiceId(catalog: ServiceCatalog, incident: Incident | null): string {
  const service = incident?.service ? findService(catalog, incident.service) : null;
  const id = serviceIdFor(catalog, service);
  if (!id) {
    throw new DomainError(
      'INTEGRATION_NOT_CONFIGURED',
      'There is no PagerDuty service to open the page on: set `pagerduty.default_service_id` in warroom.yml (or the incident service’s `pagerduty.service_id`).',
      { integration: 'PagerDuty' },
    );
  }
  return id;
}

export async function resolveTarget(http: PagerDutyHttp, catalog: ServiceCatalog, target: PageTarget, incident: Incident | null): Promise<ResolvedTarget> {
  switch (target.kind) {
    case 'user': {
      const user = await findUserByEmail(http, target.email);
      return { serviceId: incidentServiceId(catalog, incident), escalationPolicyId: null, assigneeUserId: user.id, label: `user ${user.name ?? user.id} <${target.email}>` };
    }
    case 'service': {
      const service = findService(catalog, target.name);
      if (!service) {
        const known = catalog.services.map((s) => s.name).join(', ') || 'none are configured';
        throw new DomainError('UNKNOWN_SERVICE', `There is no service named "${target.name}". Services: ${known}.`, { service: target.name });
      }
      if (!service.pagerDuty) {
        throw new DomainError('INTEGRATION_NOT_CONFIGURED', `Service ${service.name} has no PagerDuty service: set its \`pagerduty.service_id\` in warroom.yml.`, { service: service.name });
      }
      const { serviceId, escalationPolicyId } = service.pagerDuty;
      return { serviceId, escalationPolicyId, assigneeUserId: null, label: `service ${service.name} (${serviceId})` };
    }
    case 'escalation_policy': {
      const policy = await findEscalationPolicy(http, target.idOrName);
      return { serviceId: incidentServiceId(catalog, incident), escalationPolicyId: policy.id, assigneeUserId: null, label: `escalation policy ${policy.name}` };
    }
  }
}

/** GET /users?query=<email> matches names and emails loosely: only an exact (case-insensitive) email counts. */
async function findUserByEmail(http: PagerDutyHttp, email: string): Promise<PdUser> {
  const users = await http.list('pageTarget', '/users', 'users', { query: email });
  const wanted = email.trim().toLowerCase();
  const user = (users.filter(hasId) as PdUser[]).find((u) => typeof u.email === 'string' && u.email.toLowerCase() === wanted);
  if (!user) throw new DomainError('BAD_INPUT', `No PagerDuty user has the email ${email}.`, { email });
  return user;
}

async function findEscalationPolicy(http: PagerDutyHttp, idOrName: string): Promise<{ id: string; name: string }> {
  const text = idOrName.trim();
  if (PAGERDUTY_ID.test(text)) return { id: text, name: text };
  const policies = (await http.list('pageTarget', '/escalation_policies', 'escalation_policies', { query: text })).filter(hasId) as PdEscalationPolicy[];
  const nameOf = (p: PdEscalationPolicy) => p.name ?? p.summary ?? p.id;
  const exact = policies.filter((p) => nameOf(p).toLowerCase() === text.toLowerCase());
  const [only, ...others] = exact;
  if (only && others.length === 0) return { id: only.id, name: nameOf(only) };
  if (only) {
    throw new DomainError('BAD_INPUT', `Several PagerDuty escalation policies are named "${text}": use its id (${exact.map((p) => p.id).join(', ')}).`, { policy: text });
  }
  const close = policies.map(nameOf).slice(0, 5);
  const hint = close.length > 0 ? ` Did you mean: ${close.join(', ')}?` : '';
  throw new DomainError('BAD_INPUT', `No PagerDuty escalation policy is named "${text}".${hint}`, { policy: text });
}
