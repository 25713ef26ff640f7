import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { DEFAULT_ROLES, resolveRole } from '../../../../src/core/incident/roles.js';
import { findService } from '../../../../src/core/incident/services.js';
import { closestMatch, editDistance } from '../../../../src/core/text/closest.js';
import { compareSeverity, DEFAULT_SEVERITIES, findSeverity, policyOf, severityRank } from '../../../../src/core/incident/severity.js';
import { testIncidentSettings } from '../../../support/fakes/index.js';

const severities = DEFAULT_SEVERITIES;

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('severity lookup', () => {
  it.each(['sev2', 'SEV2', 'Sev2', '2', 'S2', 's2', 'sev-2', 'SEV 2', ' sev2 ', 'high'])('accepts %j as SEV2', (input) => {
    expect(findSeverity(severities, input).name).toBe('SEV2');
  });

  it('refuses an unknown severity, listing the valid ones with labels', () => {
    const err = caught(() => findSeverity(severities, 'sev9'));
    expect(isDomainError(err, 'UNKNOWN_SEVERITY')).toBe(true);
    expect(err.message).toBe('Unknown severity "sev9". Use one of: SEV1 (critical), SEV2 (high), SEV3 (moderate), SEV4 (minor).');
  });

  it('ranks by list order, first most severe', () => {
    expect(severityRank(severities, 'sev1')).toBe(0);
    expect(severityRank(severities, 'SEV4')).toBe(3);
    expect(severityRank(severities, 'SEV9')).toBe(4);
    expect(compareSeverity(severities, 'SEV1', 'SEV3')).toBeLessThan(0);
    expect(compareSeverity(severities, 'SEV3', 'SEV2')).toBeGreaterThan(0);
    expect(compareSeverity(severities, 'SEV2', 'sev2')).toBe(0);
  });

  it('gives a severity removed from the config a neutral policy', () => {
    expect(policyOf(severities, 'SEV0')).toMatchObject({ name: 'SEV0', updateCadenceMinutes: null, page: 'none', freezesDeploys: false });
  });
});

describe('default severity policies', () => {
  it('match the documented defaults', () => {
    const table = DEFAULT_SEVERITIES.map((s) => [s.name, s.label, s.updateCadenceMinutes, s.freezesDeploys, s.postmortemRequired, s.postmortemDueHours, s.page, s.ackDeadlineMinutes]);
    expect(table).toEqual([
      ['SEV1', 'critical', 15, true, true, 48, 'escalation_policy', 5],
      ['SEV2', 'high', 30, true, true, 48, 'primary', 15],
      ['SEV3', 'moderate', 60, false, false, null, 'low_urgency', null],
      ['SEV4', 'minor', null, false, false, null, 'none', null],
    ]);
    expect(DEFAULT_SEVERITIES[0]!.description).toMatch(/revenue systems.*more than 10% of capacity/i);
    expect(DEFAULT_SEVERITIES[1]!.description).toMatch(/partial.*1–10%/i);
  });

  it('define the commander, scribe and comms roles with their aliases', () => {
    expect(DEFAULT_ROLES.map((r) => [r.key, r.aliases])).toEqual([
      ['commander', ['ic', 'commander', 'incident-commander']],
      ['scribe', ['scribe']],
      ['comms', ['comms', 'comms-lead', 'communications']],
    ]);
  });
});

describe('roles', () => {
  it.each([
    ['ic', 'commander'],
    ['IC', 'commander'],
    ['Incident-Commander', 'commander'],
    ['incident commander', 'commander'],
    ['scribe', 'scribe'],
    ['comms_lead', 'comms'],
    ['communications', 'comms'],
  ])('resolves %j to %s', (alias, key) => {
    expect(resolveRole(DEFAULT_ROLES, alias).key).toBe(key);
  });

  it('refuses an unknown role, listing the aliases', () => {
    const err = caught(() => resolveRole(DEFAULT_ROLES, 'boss'));
    expect(isDomainError(err, 'UNKNOWN_ROLE')).toBe(true);
    expect(err.message).toBe(
      'Unknown role "boss". Use one of: ic, commander, incident-commander (Incident commander); scribe (Scribe); comms, comms-lead, communications (Comms lead).',
    );
  });
});

describe('services', () => {
  const { services } = testIncidentSettings();

  it('finds a service case-insensitively', () => {
    expect(findService(services, ' Checkout ').name).toBe('checkout');
  });

  it('suggests the closest configured name for a typo', () => {
    const err = caught(() => findService(services, 'chekcout'));
    expect(isDomainError(err, 'UNKNOWN_SERVICE')).toBe(true);
    expect(err.message).toBe('Unknown service "chekcout". Did you mean "checkout"? Configured services: checkout, payments, search.');
    expect(caught(() => findService(services, 'paymnts')).message).toContain('Did you mean "payments"?');
  });

  it('says so when no service is configured', () => {
    expect(caught(() => findService([], 'checkout')).message).toContain('no services are configured');
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('chekcout', 'checkout')).toBe(1);
    expect(editDistance('search', 'serch')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closestMatch('SERCH', ['checkout', 'search'])).toBe('search');
    expect(closestMatch('payments', ['checkout', 'search'])).toBeNull();
  });
});
