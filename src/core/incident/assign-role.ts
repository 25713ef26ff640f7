/** Giving a role to someone. The topic and the announcement change only when the commander does. */
import { DomainError } from '../errors.js';
import type { Actor, ChangeResult } from './api.js';
import type { IncidentDeps } from './incident-deps.js';
import type { Step } from './effects.js';
import { recordAction } from './effects.js';
import { applyEffects, loadForChange, postInChannel, refreshSteps } from './incident-context.js';
import { incidentRef } from './lifecycle.js';
import { resolveRole } from './roles.js';

/** A Slack user id from `U123`, `@U123`, `<@U123>` or `<@U123|name>`; null for anything else. */
export function parseUserId(input: string): string | null {
  const text = input.trim();
  const match = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text) ?? /^@?([UW][A-Z0-9]+)$/.exec(text);
  return match?.[1] ?? null;
}

export function createAssignRole(deps: IncidentDeps): (channelId: string, role: string, userId: string, actor: Actor) => Promise<ChangeResult> {
  const { store, settings, chat, views } = deps;
  return async (channelId, roleInput, userInput, actor) => {
    const incident = await loadForChange(deps, channelId, actor, 'assign roles');
    const role = resolveRole(settings.roles, roleInput);
    const userId = parseUserId(userInput);
    if (!userId) {
      throw new DomainError('BAD_INPUT', `Name the person with a mention, e.g. \`/incident role ${role.aliases[0] ?? role.key} @alex\`.`, { field: 'user' });
    }
    if (incident.roles[role.key] === userId) {
      return { incident, changed: false, reason: `<@${userId}> is already the ${role.label} of ${incidentRef(incident)}.` };
    }
    const now = deps.clock.now();
    const isCommander = role.key === settings.commanderRole;
    const previous = incident.roles[role.key] ?? null;
    const updated = await store.incidents.update(incident.id, {
      roles: { ...incident.roles, [role.key]: userId },
      ...(isCommander && !incident.commanderAssignedAt ? { commanderAssignedAt: now } : {}),
    });
    await recordAction(deps, updated, {
      key: `act:role:${incident.id}:${role.key}:${userId}:${now.getTime()}`,
      kind: 'role_assigned',
      actor: actor.userId,
      text: `${role.label}: <@${userId}>`,
      data: { role: role.key, userId, previous },
    });
    const steps: Step[] = [
      ...postInChannel(deps, updated, 'post the role change in the channel', () => views.roleAssigned(updated, { role: role.key, userId, actor: actor.userId })),
      ...(isCommander ? refreshSteps(deps, updated) : []),
    ];
    const { channelId: warRoom } = updated;
    if (warRoom && userId !== deps.botUserId) {
      steps.push({ description: `invite <@${userId}> to the channel`, run: () => chat.invite(warRoom, [userId]) });
    }
    const problems = await applyEffects(deps, updated, 'role', steps);
    return { incident: updated, changed: true, problems };
  };
}
