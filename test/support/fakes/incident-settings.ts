/** IncidentSettings for tests: the default severities and roles, three services, every option set. */
import type { IncidentSettings } from '../../../src/core/incident/settings.js';
import { DEFAULT_ROLES, DEFAULT_SEVERITIES } from '../../../src/core/incident/severity.js';

export const TEST_GROUPS = {
  checkoutOwners: 'S0CHECKOUT',
  responders: 'S0RESPONDERS',
} as const;

/** PagerDuty service ids of the test services (the escalation policy ids are TEST_POLICIES in fake-oncall.ts). */
export const TEST_PD_SERVICES = { checkout: 'PSVCCHECKOUT', payments: 'PSVCPAYMENTS' } as const;

export function testIncidentSettings(overrides: Partial<IncidentSettings> = {}): IncidentSettings {
  return {
    severities: structuredClone([...DEFAULT_SEVERITIES]),
    defaultSeverity: 'SEV3',
    roles: structuredClone([...DEFAULT_ROLES]),
    commanderRole: 'commander',
    services: [
      {
        name: 'checkout',
        ownersGroup: TEST_GROUPS.checkoutOwners,
        responders: ['U0CKRESP'],
        description: 'Checkout API',
        pagerDuty: { serviceId: TEST_PD_SERVICES.checkout, escalationPolicyId: 'PEPCHECKOUT' },
      },
      // Paged on its own PagerDuty service, with the default escalation policy.
      { name: 'payments', ownersGroup: null, responders: [], description: 'Payment gateway', pagerDuty: { serviceId: TEST_PD_SERVICES.payments, escalationPolicyId: null } },
      { name: 'search', ownersGroup: null, responders: [], description: 'Search', pagerDuty: null },
    ],
    channelNamePattern: 'inc-{date}-{slug}',
    announceChannel: 'C0ANNOUNCE',
    respondersGroup: TEST_GROUPS.responders,
    defaultResponders: ['U0DEFAULT'],
    keyEventReactions: ['pushpin'],
    timeZone: 'UTC',
    reminderRepeatMinutes: null,
    snoozeMinutes: 15,
    declareDedupeMinutes: 10,
    onCallTriggers: { autoDeclareHighUrgency: false, severity: 'SEV2' },
    ...overrides,
  };
}
