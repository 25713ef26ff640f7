import type { Actor } from '../core/incident/api.js';
import type { ChatMessage } from '../core/ports.js';
import type { Deps } from '../deps.js';
import { resolvePageTarget } from './page-target.js';
import type { IncidentCommand } from './parse.js';
import { gatherContextInBackground } from './context-trigger.js';

export interface CommandContext {
  channelId: string;
  actor: Actor;
}

/**
 * One place that maps a parsed `/incident` subcommand to its use case and its reply.
 * Returns the ephemeral reply, or null when the war room message the core posted says it all.
 */
export async function runIncidentCommand(command: Exclude<IncidentCommand, { name: 'open-modal' | 'postmortem' }>, ctx: CommandContext, deps: Deps): Promise<ChatMessage | null> {
  const { incidents, responses } = deps;
  switch (command.name) {
    case 'help':
      return responses.help();
    case 'declare': {
      const result = await incidents.declare(command.input, ctx.actor);
      gatherContextInBackground(deps, result);
      return responses.declared(result);
    }
    case 'context':
      await deps.context.refresh(ctx.channelId, command.sinceMinutes, ctx.actor);
      return null; // the snapshot is posted in the war room and edited as it fills in
    case 'sev':
      return responses.changed(await incidents.changeSeverity(ctx.channelId, command.severity, ctx.actor), 'severity');
    case 'role':
      return responses.changed(await incidents.assignRole(ctx.channelId, command.role, command.userId, ctx.actor), 'role');
    case 'update':
      return responses.changed(await incidents.postUpdate(ctx.channelId, command.text, ctx.actor), 'update');
    case 'note':
      return responses.changed(await incidents.addNote(ctx.channelId, command.text, ctx.actor), 'note');
    case 'status':
      return responses.status(await incidents.status(ctx.channelId));
    case 'mitigated':
      return responses.changed(await incidents.markMitigated(ctx.channelId, command.note, ctx.actor), 'mitigated');
    case 'resolve':
      return responses.changed(await incidents.resolve(ctx.channelId, command.note, ctx.actor), 'resolve');
    case 'timeline':
      return responses.timelinePage(await incidents.timeline(ctx.channelId, command.page));
    case 'list':
      return responses.list(await incidents.listOpen());
    case 'page':
      return responses.manualPage(await incidents.page(ctx.channelId, await resolvePageTarget(command.target, deps), command.message, ctx.actor));
    case 'oncall':
      return responses.onCall(await incidents.onCall(command.service));
    case 'mitigation':
      await deps.mitigations.preview(ctx.channelId, command.request, ctx.actor);
      return null; // the preview, with Confirm and Cancel, is posted in the war room for everyone to see
    case 'nodes':
      return deps.mitigationViews.nodesReport(await deps.mitigations.nodes(ctx.channelId, { cluster: command.cluster, selector: command.selector }));
    case 'pods':
      return deps.mitigationViews.podsReport(await deps.mitigations.pods(ctx.channelId, command));
    case 'history':
      return deps.mitigationViews.historyReport(await deps.mitigations.history(ctx.channelId, command));
    case 'actions':
      return deps.followupViews.actionsReport(await deps.followup.actions({ ...(command.owner ? { ownerSlackId: command.owner } : {}), ...(command.service ? { service: command.service } : {}) }));
    case 'stats':
      return deps.followupViews.statsReport(await deps.followup.stats(new Date(deps.clock.now().getTime() - command.sinceDays * 86_400_000)));
  }
}
