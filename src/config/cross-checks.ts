/**
 * Rules that span several fields of warroom.yml. They read the raw document defensively, so they run (and report)
 * even when other parts of the file are malformed: every problem in one pass.
 */
import { closestMatch } from '../core/text/closest.js';
import { DEFAULT_ROLES, DEFAULT_SEVERITIES } from './defaults.js';
import type { Problem } from './problems.js';

type Raw = Record<string, unknown>;

const record = (value: unknown): Raw => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Reports each name that repeats an earlier one (case-insensitively), pointing at both places. */
export function duplicates(entries: { name: string; path: string }[], what: string): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { name, path } of entries) {
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first) problems.push({ path, message: `duplicate ${what} "${name}" (already used at ${first})` });
    else seen.set(key, path);
  }
  return problems;
}

/** A severity name the file refers to elsewhere must be one of the configured ones. */
function checkSeverityReference(path: string, wanted: string | null, names: string[]): Problem[] {
  if (wanted === null || names.length === 0 || names.some((n) => n.toLowerCase() === wanted.toLowerCase())) return [];
  const hint = closestMatch(wanted, names);
  return [{ path, message: `"${wanted}" is not one of the severities (${names.join(', ')})${hint ? `; did you mean ${hint}?` : ''}` }];
}

function severityNames(incidents: Raw): string[] {
  const raw = Array.isArray(incidents.severities) ? incidents.severities : null;
  return raw ? items(raw).flatMap((s) => str(record(s).name) ?? []) : DEFAULT_SEVERITIES.map((s) => s.name);
}

function checkSeverities(incidents: Raw): Problem[] {
  const raw = Array.isArray(incidents.severities) ? incidents.severities : null;
  const entries = items(raw).flatMap((s, i) => {
    const name = str(record(s).name);
    return name ? [{ name, path: `incidents.severities[${i}].name` }] : [];
  });
  const problems = duplicates(entries, 'severity name');
  const names = severityNames(incidents);
  const wanted = str(incidents.default_severity);
  problems.push(...checkSeverityReference('incidents.default_severity', wanted, names));
  if (raw && names.length > 0 && wanted === null && !names.some((n) => n.toLowerCase() === 'sev3')) {
    problems.push({ path: 'incidents.default_severity', message: `required when the severities do not include SEV3 (pick one of ${names.join(', ')})` });
  }
  return problems;
}

function checkRoles(incidents: Raw): Problem[] {
  const raw = Array.isArray(incidents.roles) ? incidents.roles : null;
  const roles = items(raw).map((r) => record(r));
  const keys = roles.flatMap((r, i) => {
    const key = str(r.key);
    return key ? [{ name: key, path: `incidents.roles[${i}].key` }] : [];
  });
  const problems = duplicates(keys, 'role key');
  // Aliases are what people type: one word must not name two roles. A role's own key counts as one of its words.
  const owner = new Map<string, { role: string; path: string }>();
  roles.forEach((r, i) => {
    const key = str(r.key) ?? `#${i + 1}`;
    const words = [
      ...(str(r.key) ? [{ word: key, path: `incidents.roles[${i}].key` }] : []),
      ...items(r.aliases).flatMap((a, j) => (str(a) ? [{ word: str(a) ?? '', path: `incidents.roles[${i}].aliases[${j}]` }] : [])),
    ];
    for (const { word, path } of words) {
      const first = owner.get(word.toLowerCase());
      if (!first) owner.set(word.toLowerCase(), { role: key, path });
      else if (first.role.toLowerCase() !== key.toLowerCase()) {
        problems.push({ path, message: `"${word}" already names role ${first.role} (${first.path}); each word may name one role` });
      }
    }
  });
  const keyNames = raw ? keys.map((k) => k.name) : DEFAULT_ROLES.map((r) => r.key);
  const commander = str(incidents.commander_role);
  const wanted = commander ?? 'commander';
  if (keyNames.length > 0 && !keyNames.some((k) => k.toLowerCase() === wanted.toLowerCase())) {
    problems.push({
      path: 'incidents.commander_role',
      message: commander
        ? `"${commander}" is not a key of incidents.roles (${keyNames.join(', ')})`
        : `required when incidents.roles has no role with key commander (pick one of ${keyNames.join(', ')})`,
    });
  }
  return problems;
}

export function crossCheck(document: unknown): Problem[] {
  const root = record(document);
  const incidents = record(root.incidents);
  const services = items(root.services).flatMap((s, i) => {
    const name = str(record(s).name);
    return name ? [{ name, path: `services[${i}].name` }] : [];
  });
  const jobs = record(root.jobs);
  const problems = [
    ...checkSeverities(incidents),
    ...checkSeverityReference('pagerduty.declared_severity', str(record(root.pagerduty).declared_severity), severityNames(incidents)),
    ...checkRoles(incidents),
    ...duplicates(services, 'service name'),
  ];
  const poll = typeof jobs.poll_interval_ms === 'number' ? jobs.poll_interval_ms : 1000;
  const lease = typeof jobs.lease_ms === 'number' ? jobs.lease_ms : 60_000;
  if (lease <= poll) problems.push({ path: 'jobs.lease_ms', message: `must be longer than jobs.poll_interval_ms (${poll}), or jobs would be claimed twice` });
  return problems;
}
