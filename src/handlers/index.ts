import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { registerActionHandlers } from './actions/index.js';
import { registerEventHandlers } from './events/index.js';
import { registerShortcutHandlers } from './shortcuts/index.js';
import { registerViewHandlers } from './views/index.js';

export function registerHandlers(app: App, deps: Deps): void {
  registerEventHandlers(app, deps);
  registerActionHandlers(app, deps);
  registerShortcutHandlers(app, deps);
  registerViewHandlers(app, deps);
}
