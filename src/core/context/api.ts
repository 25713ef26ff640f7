/** The context snapshot as the edges see it. */
import type { Actor } from '../incident/api.js';
import type { ContextSnapshot } from './model.js';

export interface ContextUseCases {
  /**
   * Posts "gathering context…" in the war room at once, then edits that message as each section arrives, and records
   * the snapshot and its suspects on the timeline. Resolves when the snapshot is complete (every source answered or
   * timed out); callers that must not wait (declaration) do not await it.
   */
  gather(incidentId: number, options?: { sinceMinutes?: number; actor?: Actor }): Promise<ContextSnapshot>;
  /** `/incident context [--since 6h]` in a war room. */
  refresh(channelId: string, sinceMinutes: number | null, actor: Actor): Promise<ContextSnapshot>;
}
