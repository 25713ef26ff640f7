/** Incident roles: the defaults and alias lookup (`/incident role ic @user`). */
import { DomainError } from '../errors.js';
import type { RoleDefinition } from './settings.js';

export const DEFAULT_ROLES: readonly RoleDefinition[] = [
  { key: 'commander', aliases: ['ic', 'commander', 'incident-commander'], label: 'Incident commander' },
  { key: 'scribe', aliases: ['scribe'], label: 'Scribe' },
  { key: 'comms', aliases: ['comms', 'comms-lead', 'communications'], label: 'Comms lead' },
];

const normalize = (value: string): string => value.trim().toLowerCase().replace(/[\s_]+/g, '-');

/** The role an alias (or key) names, case-insensitively; UNKNOWN_ROLE listing every alias otherwise. */
export function resolveRole(roles: readonly RoleDefinition[], alias: string): RoleDefinition {
  const wanted = normalize(alias);
  const found = roles.find((r) => normalize(r.key) === wanted || r.aliases.some((a) => normalize(a) === wanted));
  if (found) return found;
  const listed = roles.map((r) => `${r.aliases.join(', ')} (${r.label})`).join('; ');
  const shown = alias.trim() === '' ? 'an empty role' : `"${alias.trim()}"`;
  throw new DomainError('UNKNOWN_ROLE', `Unknown role ${shown}. Use one of: ${listed}.`, { input: alias, valid: roles.map((r) => r.key) });
}

/** The label of a role key, or the key itself when the role is no longer configured. */
export function roleLabel(roles: readonly RoleDefinition[], key: string): string {
  return roles.find((r) => r.key === key)?.label ?? key;
}
