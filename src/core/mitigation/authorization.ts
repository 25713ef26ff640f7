/** Who may confirm or cancel: members of the cluster's Slack user groups for the action (uncordon is cordon's). */
import { DomainError } from '../errors.js';
import type { Actor } from '../incident/api.js';
import type { MitigationDeps } from './deps.js';
import type { Mitigation, MitigationKind, MitigationPermission } from './model.js';

export function permissionFor(kind: MitigationKind): MitigationPermission {
  return kind === 'uncordon' ? 'cordon' : kind;
}

function groupsFor(deps: MitigationDeps, m: Mitigation): string[] {
  const cluster = deps.settings.clusters.find((c) => c.name === m.request.cluster);
  return cluster?.permissions[permissionFor(m.request.kind)] ?? [];
}

/** True when `actor` is in one of the groups; a failing group lookup counts as "not in it" (logged). */
export async function isAuthorized(deps: MitigationDeps, m: Mitigation, actor: Actor): Promise<boolean> {
  for (const group of groupsFor(deps, m)) {
    try {
      if ((await deps.chat.usersInGroup(group)).includes(actor.userId)) return true;
    } catch (err) {
      deps.logger.warn({ err, group, mitigationId: m.id }, 'permission group lookup failed');
    }
  }
  return false;
}

export async function requireAuthorized(deps: MitigationDeps, m: Mitigation, actor: Actor, verb: string): Promise<void> {
  if (await isAuthorized(deps, m, actor)) return;
  const groups = groupsFor(deps, m);
  const permission = permissionFor(m.request.kind);
  const who = groups.length
    ? `members of ${groups.map((g) => `<!subteam^${g}>`).join(', ')}`
    : `nobody (no group is configured for ${permission} on ${m.request.cluster})`;
  throw new DomainError('FORBIDDEN', `You are not allowed to ${verb} a ${m.request.kind} on ${m.request.cluster}. Only ${who} can.`, {
    groups,
    permission,
  });
}
