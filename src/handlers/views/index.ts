import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { registerDeclareSubmission } from './declare-submission.js';
import { registerPostmortemSubmissions } from './postmortem-submissions.js';

export function registerViewHandlers(app: App, deps: Deps): void {
  registerDeclareSubmission(app, deps);
  registerPostmortemSubmissions(app, deps);
}
