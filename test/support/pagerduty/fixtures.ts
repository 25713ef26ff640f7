/**
 * PagerDuty answers recorded as fixtures (test/fixtures/pagerduty), each listed with the operation and status whose
 * published schema it must satisfy; the spec test fails for a fixture missing here, so none escapes the check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEVERITIES } from '../../../src/core/incident/severity.js';
import type { Incident } from '../../../src/core/incident/model.js';
import type { ServiceDefinition, SeverityPolicy } from '../../../src/core/incident/settings.js';

export const PAGERDUTY_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/pagerduty/', import.meta.url));

export type FixtureSchema = { method: string; path: string; status: number } | { component: string };

export const FIXTURE_SCHEMAS: Readonly<Record<string, FixtureSchema>> = {
  'create-incident.201.json': { method: 'post', path: '/incidents', status: 201 },
  'list-incidents-by-key.200.json': { method: 'get', path: '/incidents', status: 200 },
  'update-incident.200.json': { method: 'put', path: '/incidents/{id}', status: 200 },
  'create-note.200.json': { method: 'post', path: '/incidents/{id}/notes', status: 200 },
  'oncalls-page-1.200.json': { method: 'get', path: '/oncalls', status: 200 },
  'oncalls-page-2.200.json': { method: 'get', path: '/oncalls', status: 200 },
  'users-query.200.json': { method: 'get', path: '/users', status: 200 },
  'escalation-policies-query.200.json': { method: 'get', path: '/escalation_policies', status: 200 },
  'error-400-duplicate-key.json': { method: 'post', path: '/incidents', status: 400 },
  'error-400-already-resolved.json': { method: 'put', path: '/incidents', status: 400 },
  'error-400-invalid-input.json': { method: 'post', path: '/incidents/{id}/notes', status: 400 },
  'error-401.json': { method: 'post', path: '/incidents', status: 401 },
  'error-404.json': { method: 'put', path: '/incidents/{id}', status: 404 },
  'error-429.json': { method: 'get', path: '/oncalls', status: 429 },
  // No operation we call lists a 500; every one can answer it with PagerDuty's generic error body.
  'error-500.json': { component: 'InternalServerError' },
};

/** Every fixture file (not the webhook payloads, which the REST description does not cover). */
export function listFixtureFiles(): string[] {
  return readdirSync(PAGERDUTY_FIXTURES_DIR).filter((name) => name.endsWith('.json')).sort();
}

/** A fresh copy of a fixture, so a test may change it freely. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${PAGERDUTY_FIXTURES_DIR}${name}`, 'utf8')) as T;
}

export function webhookFixtureText(name: string): string {
  return readFileSync(`${PAGERDUTY_FIXTURES_DIR}webhooks/${name}`, 'utf8');
}

/** The created incident, with fields changed (e.g. `{ urgency: 'low' }`). */
export function incidentAnswer(changes: Record<string, unknown> = {}): { incident: Record<string, unknown> } {
  const answer = fixture<{ incident: Record<string, unknown> }>('create-incident.201.json');
  return { incident: { ...answer.incident, ...changes } };
}

export function severity(name: string): SeverityPolicy {
  const policy = DEFAULT_SEVERITIES.find((s) => s.name === name);
  if (!policy) throw new Error(`no default severity ${name}`);
  return { ...policy };
}

export const CHECKOUT: ServiceDefinition = {
  name: 'checkout',
  ownersGroup: null,
  responders: [],
  description: 'Checkout API',
  pagerDuty: { serviceId: 'PSVC001', escalationPolicyId: 'PEP0001' },
};

export const SEARCH: ServiceDefinition = { name: 'search', ownersGroup: null, responders: [], description: 'Search', pagerDuty: null };

export function warroomIncident(overrides: Partial<Incident> = {}): Incident {
  const at = new Date('2026-03-02T14:00:00Z');
  return {
    id: 42,
    title: 'Checkout is down',
    severity: 'SEV1',
    state: 'investigating',
    service: 'checkout',
    impact: 'Customers cannot pay',
    isPrivate: false,
    declaredBy: 'U_DECLARER',
    dedupeKey: 'declare-42',
    declaredAt: at,
    startedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    commanderAssignedAt: at,
    roles: { commander: 'U_DECLARER' },
    channelId: 'C0INC42',
    channelName: 'inc-20260302-checkout-is-down',
    declarationTs: null,
    announcement: null,
    lastUpdateAt: null,
    lastUpdateText: null,
    links: {},
    updatedAt: at,
    ...overrides,
  };
}
