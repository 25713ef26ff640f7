import { DomainError } from '../core/errors.js';
import type { PageTarget } from '../core/ports.js';
import type { Deps } from '../deps.js';
import type { IncidentCommand } from './parse.js';

/**
 * `/incident page <@person | service | escalation policy>` → whom the on-call system pages. A mention becomes the
 * person's email (PagerDuty knows people by email); a word naming a configured service pages that service; any other
 * word is an escalation policy, by id (P…) or name.
 */
export async function resolvePageTarget(target: Extract<IncidentCommand, { name: 'page' }>['target'], deps: Pick<Deps, 'chat' | 'settings'>): Promise<PageTarget> {
  if ('userId' in target) {
    const email = await deps.chat.userEmail(target.userId);
    if (!email) throw new DomainError('BAD_INPUT', `Warroom cannot see <@${target.userId}>’s email, so it cannot find them in PagerDuty. Page their service or escalation policy instead.`);
    return { kind: 'user', email };
  }
  const service = deps.settings.services.find((s) => s.name.toLowerCase() === target.word.toLowerCase());
  return service ? { kind: 'service', name: service.name } : { kind: 'escalation_policy', idOrName: target.word };
}
