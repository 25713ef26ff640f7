import type { App } from '@slack/bolt';
import { DomainError } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { CONTEXT_ROLLBACK_ACTION_ID } from '../../templates/context/index.js';
import { onButton } from './on-button.js';


interface RollbackTarget {
  cluster: string;
  namespace: string;
  deployment: string;
  toRevision: number | null;
}

function readTarget(value: string): RollbackTarget {
  try {
    const parsed = JSON.parse(value) as Partial<RollbackTarget>;
    if (typeof parsed.cluster === 'string' && typeof parsed.namespace === 'string' && typeof parsed.deployment === 'string') {
      return { cluster: parsed.cluster, namespace: parsed.namespace, deployment: parsed.deployment, toRevision: typeof parsed.toRevision === 'number' ? parsed.toRevision : null };
    }
  } catch {
    // reported below
  }
  throw new DomainError('BAD_INPUT', 'This Roll back button no longer says what to roll back: run `/incident rollback <deployment>` instead.');
}

/** A suspect rollout's Roll back button opens the same previewed, confirmed rollback as `/incident rollback`. */
export function registerContextRollbackButton(app: App, deps: Deps): void {
  onButton(app, deps, CONTEXT_ROLLBACK_ACTION_ID, 'context-rollback', async ({ value, userId, channelId }) => {
    if (!channelId) throw new DomainError('BAD_INPUT', 'Roll back from the war room channel.');
    const target = readTarget(value);
    await deps.mitigations.preview(
      channelId,
      { kind: 'rollback', cluster: target.cluster, deployment: { name: target.deployment, namespace: target.namespace }, options: target.toRevision ? { toRevision: target.toRevision } : {} },
      { userId },
    );
    return { text: ':eyes: The rollback preview is in the channel: an authorized person confirms it there.' };
  });
}
