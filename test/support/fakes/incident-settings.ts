/** IncidentSettings for tests: the default severities and roles, three services, every option set. */
import type { IncidentSettings } from '../../../src/core/incident/settings.js';
import { DEFAULT_ROLES, DEFAULT_SEVERITIES } from '../../../src/core/incident/severity.js';

export const TEST_GROUPS = {
  checkoutOwners: 'S0CHECKOUT',
  responders: 'S0RESPONDERS',
} as const;

export function testIncidentSettings(overrides: Partial<IncidentSettings> = {}): IncidentSettings {
  return {
    severities: structuredClone([...DEFAULT_SEVERITIES]),
    defaultSeverity: 'SEV3',
    roles: structuredClone([...DEFAULT_ROLES]),
    commanderRole: 'commander',
    services: [
      { name: 'checkout', ownersGroup: TEST_GROUPS.checkoutOwners, responders: ['U0CKRESP'], description: 'Checkout API' },
      { name: 'payments', ownersGroup: null, responders: [], description: 'Payment gateway' },
      { name: 'search', ownersGroup: null, responders: [], description: 'Search' },
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
    ...overrides,
  };
}
