import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { registerDeclareShortcut } from './declare-incident.js';

export function registerShortcutHandlers(app: App, deps: Deps): void {
  registerDeclareShortcut(app, deps);
}
