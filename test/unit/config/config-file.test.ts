import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLES, DEFAULT_SEVERITIES, parseConfigText, readConfigFile, validateConfigFile } from '../../../src/config/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../fixtures/config');
const root = join(here, '../../..');

function problemsOf(yaml: string): string[] {
  const result = parseConfigText(yaml, fixtures);
  return result.ok ? [] : result.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}

describe('config file', () => {
  it('accepts the documented example as it is, and it matches the built-in defaults', () => {
    const path = join(root, 'config/warroom.example.yml');
    expect(validateConfigFile(path)).toEqual([]);
    const result = readConfigFile(path);
    if (!result.ok) throw new Error('example should be valid');
    expect(result.settings.incident.severities).toEqual(DEFAULT_SEVERITIES);
    expect(result.settings.incident.roles).toEqual(DEFAULT_ROLES);
    expect(result.settings.incident.defaultSeverity).toBe('SEV3');
    expect(result.settings.jobs).toEqual({ pollIntervalMs: 1000, leaseMs: 60_000 });
  });

  it('maps every snake_case option to IncidentSettings, resolving templates_dir against the file', () => {
    const result = readConfigFile(join(fixtures, 'valid.yml'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { incident, templatesDir, jobs } = result.settings;
    expect(templatesDir).toBe(join(fixtures, 'templates'));
    expect(jobs).toEqual({ pollIntervalMs: 500, leaseMs: 30_000 });
    expect(incident).toMatchObject({
      timeZone: 'Europe/Berlin',
      announceChannel: 'C0INCIDENTS',
      respondersGroup: 'S0ONCALL',
      defaultResponders: ['U0ALICE', 'W0BOB'],
      channelNamePattern: 'incident-{id}-{slug}',
      keyEventReactions: ['pushpin', 'star'],
      defaultSeverity: 'P2', // written "p2": stored with the severity's own spelling
      reminderRepeatMinutes: 10,
      snoozeMinutes: 20,
      declareDedupeMinutes: 5,
      commanderRole: 'lead',
    });
    expect(incident.severities).toEqual([
      {
        name: 'P1',
        label: 'critical',
        description: 'Everything is on fire',
        updateCadenceMinutes: 10,
        freezesDeploys: true,
        postmortemRequired: true,
        postmortemDueHours: 48,
        page: 'escalation_policy',
        ackDeadlineMinutes: 5,
      },
      {
        name: 'P2',
        label: 'minor',
        description: '',
        updateCadenceMinutes: null,
        freezesDeploys: false,
        postmortemRequired: false,
        postmortemDueHours: null,
        page: 'none',
        ackDeadlineMinutes: null,
      },
    ]);
    // The key always works as an alias, listed or not.
    expect(incident.roles).toEqual([
      { key: 'lead', label: 'Incident lead', aliases: ['ic', 'lead'] },
      { key: 'scribe', label: 'Scribe', aliases: ['scribe'] },
    ]);
    expect(incident.services).toEqual([
      { name: 'checkout', description: 'Checkout and payments API', ownersGroup: 'S0CHECKOUT', responders: ['U0CAROL'], pagerDuty: null },
      { name: 'search', description: '', ownersGroup: null, responders: [], pagerDuty: null },
    ]);
  });

  it('reports every problem of a bad file at once, each with its path', () => {
    const problems = validateConfigFile(join(fixtures, 'invalid.yml'));
    const expected = [
      /^time_zone: unknown time zone "Mars\/Olympus"/,
      /^colour: unknown option \(expected one of time_zone, /,
      /^slack\.announce_channel: expected a Slack channel ID like C0123456789, got "#incidents"/,
      /^slack\.responders_group: .*Slack user group IDs start with S; find it in the group’s profile/,
      /^slack\.default_responders\[0\]: expected a Slack user ID/,
      /^slack\.channel_name_pattern: must contain \{slug\} or \{id\}/,
      /^incidents\.sevrities: unknown option \(did you mean severities\?\)$/,
      /^incidents\.severities\[0\]\.update_cadence_minutes: expected a positive integer or null, got 1\.5$/,
      /^incidents\.severities\[0\]\.page: expected one of escalation_policy, primary, low_urgency, none/,
      /^incidents\.severities\[0\]\.freezes: unknown option \(did you mean freezes_deploys\?\)$/,
      /^incidents\.severities\[1\]\.update_cadence_minutes: expected a positive integer or null, got -5$/,
      /^incidents\.severities\[2\]: expected a mapping/,
      /^incidents\.severities\[1\]\.name: duplicate severity name "sev1" \(already used at incidents\.severities\[0\]\.name\)$/,
      /^incidents\.default_severity: "SEV9" is not one of the severities \(SEV1, sev1\)/,
      /^incidents\.roles\[1\]\.aliases\[0\]: "ic" already names role commander/,
      /^incidents\.commander_role: "boss" is not a key of incidents\.roles \(commander, scribe\)$/,
      /^services\[0\]\.name: expected a lowercase slug/,
      /^services\[2\]\.name: duplicate service name "search"/,
      /^services\[2\]\.owners_group: expected a Slack user group ID like S0123456789, got "S1"/,
      /^jobs\.lease_ms: must be longer than jobs\.poll_interval_ms/,
    ];
    for (const pattern of expected) expect(problems, `missing ${pattern}`).toContainEqual(expect.stringMatching(pattern));
    expect(problems).toHaveLength(expected.length);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(validateConfigFile(join(fixtures, 'broken.yml'))).toEqual([expect.stringMatching(/^line \d+, column \d+: YAML syntax: /)]);
    expect(validateConfigFile(join(fixtures, 'duplicate-key.yml'))).toEqual([expect.stringMatching(/^line 3, column 3: YAML syntax: .*unique/)]);
  });

  it('treats an empty file as all defaults', () => {
    const result = readConfigFile(join(fixtures, 'empty.yml'));
    expect(result.ok && result.settings.incident.severities.map((s) => s.name)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
  });

  it('says when the file is missing or a directory', () => {
    expect(validateConfigFile(join(fixtures, 'nope.yml'))).toEqual([`${join(fixtures, 'nope.yml')}: file not found`]);
    expect(validateConfigFile(fixtures)).toEqual([`${fixtures}: is a directory, not a file`]);
  });

  it('reads a section whose keys are all commented out as its defaults', () => {
    const result = parseConfigText('slack:\n  # announce_channel: C0123\nincidents:\nservices:\njobs:\n', fixtures);
    expect(result.ok && result.settings.jobs).toEqual({ pollIntervalMs: 1000, leaseMs: 60_000 });
    expect(result.ok && result.settings.incident.services).toEqual([]);
  });

  it('rejects a top level that is not a mapping', () => {
    expect(problemsOf('- a\n- b\n')).toEqual([expect.stringMatching(/^expected a mapping of options/)]);
  });

  it('checks the channel name pattern', () => {
    expect(problemsOf('slack: { channel_name_pattern: "inc-{date}-{title}" }')).toEqual([
      'slack.channel_name_pattern: unknown placeholder {title} (use {date}, {slug} or {id})',
      expect.stringMatching(/must contain \{slug\} or \{id\}/),
    ]);
    expect(problemsOf('slack: { channel_name_pattern: "INC {slug}" }')).toEqual([expect.stringMatching(/only lowercase letters, digits, - and _/)]);
    expect(problemsOf('slack: { channel_name_pattern: "{id}" }')).toEqual([]);
  });

  it('allows null announce channel and checks IDs where they are lists', () => {
    expect(problemsOf('slack: { announce_channel: null }')).toEqual([]);
    expect(problemsOf('services: [{ name: api, responders: [U0OK, "@bob"] }]')).toEqual([expect.stringMatching(/^services\[0\]\.responders\[1\]: expected a Slack user ID/)]);
  });

  it('requires default_severity and commander_role when the defaults they fall back to do not exist', () => {
    expect(problemsOf('incidents: { severities: [{ name: P1, label: high }] }')).toEqual([expect.stringMatching(/^incidents\.default_severity: required when the severities do not include SEV3/)]);
    expect(problemsOf('incidents: { roles: [{ key: lead, label: Lead }] }')).toEqual([expect.stringMatching(/^incidents\.commander_role: required when incidents\.roles has no role with key commander/)]);
  });

  it('rejects an empty severity list and missing required fields', () => {
    expect(problemsOf('incidents: { severities: [] }')).toEqual([expect.stringMatching(/^incidents\.severities: needs at least one severity/)]);
    expect(problemsOf('incidents: { severities: [{ name: SEV3 }] }')).toEqual([expect.stringMatching(/^incidents\.severities\[0\]\.label: required/)]);
  });

  it('reports a templates_dir that does not exist', () => {
    expect(problemsOf('templates_dir: ./no-such-dir')).toEqual([`templates_dir: no such directory: ${join(fixtures, 'no-such-dir')} (paths are relative to the config file)`]);
  });
});
