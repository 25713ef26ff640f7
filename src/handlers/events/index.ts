import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { registerKeyEventListeners } from './key-events.js';
import { registerMessageEvents } from './message.js';

export function registerEventHandlers(app: App, deps: Deps): void {
  registerMessageEvents(app, deps);
  registerKeyEventListeners(app, deps);
}
