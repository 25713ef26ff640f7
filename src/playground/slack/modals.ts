/**
 * The modals people have open, as stacks per person (Slack's views.open, views.push, response_action push/clear), and
 * the trigger ids that tell which person a views.open is for.
 */
import { randomUUID } from 'node:crypto';
import { viewJson } from './wire.js';
import type { FakeView, FakeWorkspace } from './workspace.js';

export class ModalStacks {
  private readonly triggerOwners = new Map<string, string>();
  /** View ids per person, bottom first. */
  private readonly stacks = new Map<string, string[]>();

  /** A trigger id for something this person did (a command, a click, a submission). */
  newTrigger(userId: string): string {
    const trigger = `${Date.now()}.${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    this.triggerOwners.set(trigger, userId);
    return trigger;
  }

  /** The bot opened (or pushed) view `viewId` with `triggerId`: returns whose modal it is, if known. */
  opened(triggerId: string, viewId: string, pushed: boolean): string | null {
    const owner = this.triggerOwners.get(triggerId);
    if (!owner) return null;
    this.stacks.set(owner, [...(pushed ? (this.stacks.get(owner) ?? []) : []), viewId]);
    return owner;
  }

  /** People with `viewId` in their stack. */
  ownersOf(viewId: string): string[] {
    return [...this.stacks].filter(([, stack]) => stack.includes(viewId)).map(([owner]) => owner);
  }

  forUser(ws: FakeWorkspace, userId: string): FakeView[] {
    return (this.stacks.get(userId) ?? []).flatMap((id) => ws.views.get(id) ?? []);
  }

  /** A view the app pushed in answer to a submission (response_action: push). */
  push(ws: FakeWorkspace, userId: string, view: Record<string, unknown>): void {
    const id = ws.nextId('V');
    const stack = this.stacks.get(userId) ?? [];
    ws.views.set(id, { id, hash: `${Date.now()}.${id}`, rootViewId: stack[0] ?? id, previousViewId: stack.at(-1) ?? null, externalId: null, via: 'views.push', view });
    this.stacks.set(userId, [...stack, id]);
  }

  /** Closes `viewId` and every view pushed above it. */
  pop(userId: string, viewId: string): void {
    const stack = this.stacks.get(userId) ?? [];
    const at = stack.indexOf(viewId);
    this.stacks.set(userId, at < 0 ? stack : stack.slice(0, at));
  }

  clear(userId: string): void {
    this.stacks.delete(userId);
  }
}

/** The `view` object of view_submission and view_closed payloads: the view as the Web API returns it, with the state. */
export function viewPayload(ws: FakeWorkspace, view: FakeView, values: Record<string, unknown>): Record<string, unknown> {
  return { ...viewJson(ws, view), type: view.view.type ?? 'modal', state: { values } };
}
