import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { registerDeployCheckCommand } from './deploy-check.js';
import { registerIncidentCommand } from './incident.js';

export function registerCommands(app: App, deps: Deps): void {
  registerIncidentCommand(app, deps);
  registerDeployCheckCommand(app, deps);
}
