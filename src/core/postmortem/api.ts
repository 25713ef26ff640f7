/** The postmortem use cases as the Slack edges see them. Errors are DomainError with a message that says what to do. */
import type { Actor, Durations } from '../incident/api.js';
import type { Incident, TimelineEvent } from '../incident/model.js';
import type { CodeHostWebhookEvent } from '../ports/code-host.js';
import type { ActionItem, LintFinding, Postmortem, PostmortemDraft } from './model.js';

export interface PostmortemContext {
  incident: Incident;
  /** The stored draft, or one prefilled from the incident record. */
  draft: PostmortemDraft;
  lint: LintFinding[];
  postmortem: Postmortem | null;
  keyEvents: TimelineEvent[];
  durations: Durations;
}

export interface PublishResult {
  postmortem: Postmortem;
  actionItems: ActionItem[];
  /** Issues created and updated by this publication (re-publishing updates, never duplicates). */
  created: number;
  updated: number;
}

export interface PostmortemUseCases {
  /** For the modal, in a war room whose incident is mitigated, resolved or in postmortem. */
  open(channelId: string, actor: Actor): Promise<PostmortemContext>;
  /** Stores the draft (it is never lost, whatever GitHub does later) and returns the blameless/SMART suggestions. */
  saveDraft(incidentId: number, draft: PostmortemDraft, actor: Actor): Promise<{ postmortem: Postmortem; lint: LintFinding[] }>;
  /** Creates or updates the postmortem issue and one issue per action item, linked both ways; the incident moves to `postmortem`. */
  publish(incidentId: number, actor: Actor): Promise<PublishResult>;
  /** GitHub issue events for action items: closed, reopened, assigned, edited. */
  handleCodeHostWebhook(event: CodeHostWebhookEvent): Promise<'handled' | 'duplicate' | 'ignored'>;
  /** The Done button: closes the issue with the validation note as a comment. */
  completeActionItem(actionItemId: number, validationNote: string, actor: Actor): Promise<ActionItem>;
  rescheduleActionItem(actionItemId: number, dueDate: string, actor: Actor): Promise<ActionItem>;
  /** Pushes the due date a week later. */
  snoozeActionItem(actionItemId: number, actor: Actor): Promise<ActionItem>;
  /** Backstop for missed webhooks: pulls the state of open items from the code host; returns how many changed. */
  syncOpenItems(): Promise<number>;
}
