/** The mitigation message in the war room, by state: preview with Confirm/Cancel, progress, then the result with the undo. */
import type { Mitigation, MitigationState } from '../../core/mitigation/model.js';
import type { ChatMessage } from '../../core/ports.js';
import { actions, button, context, divider, header, message, section, sections } from '../blocks/kit.js';
import { escapeMrkdwn } from '../escape.js';
import type { TimeFormat } from '../format.js';
import { MITIGATION_CANCEL_ACTION_ID, MITIGATION_CONFIRM_ACTION_ID } from './action-ids.js';

const STATE_LABEL: Record<MitigationState, string> = {
  pending: ':warning: Preview: waiting for confirmation',
  awaiting_second: ':busts_in_silhouette: Confirmed once: waiting for a second person',
  running: ':hourglass_flowing_sand: Running',
  succeeded: ':white_check_mark: Done',
  failed: ':x: Failed',
  cancelled: ':no_entry_sign: Cancelled',
  expired: ':hourglass: Expired: ask for a new preview',
};

const DISPOSITION: Record<string, string> = {
  evict: 'evict',
  skip_daemonset: 'left (DaemonSet)',
  skip_mirror: 'left (mirror pod)',
  refuse_emptydir: 'refused (emptyDir)',
  refuse_unmanaged: 'refused (no controller)',
};

const code = (lines: string[]): string => (lines.length ? `\`\`\`\n${lines.join('\n').replace(/```/g, "'''")}\n\`\`\`` : '');

export function zonesTable(zones: Mitigation['preview']['zones']): string {
  const width = Math.max(4, ...zones.map((z) => z.zone.length));
  const rows = zones.map((z) => `${z.zone.padEnd(width)}  ${`${z.affected}/${z.schedulable}`.padStart(7)}  ${`${z.percent}%`.padStart(6)}`);
  return code([`${'zone'.padEnd(width)}  ${'nodes'.padStart(7)}  ${'share'.padStart(6)}`, ...rows]);
}

function previewDetails(m: Mitigation, time: TimeFormat): string[] {
  const p = m.preview;
  const parts: string[] = [];
  if (p.zones.length) parts.push(`*Nodes per zone* (affected / schedulable):\n${zonesTable(p.zones)}`);
  if (p.nodes.length && p.nodes.length <= 20) parts.push(`*Nodes:* ${p.nodes.map((n) => `\`${escapeMrkdwn(n.name)}\`${n.unschedulable ? ' (cordoned)' : ''}${n.ready ? '' : ' (NotReady)'}`).join(', ')}`);
  if (p.pods.length) {
    const shown = p.pods.slice(0, 30).map((pod) => `${pod.namespace}/${pod.name}  ${DISPOSITION[pod.disposition] ?? pod.disposition}${pod.pdb ? `  PDB ${pod.pdb}` : ''}`);
    parts.push(`*Pods:*\n${code([...shown, ...(p.pods.length > 30 ? [`… and ${p.pods.length - 30} more`] : [])])}`);
  }
  if (p.revision) {
    parts.push(`*Revision:* ${p.revision.from ?? '?'} → ${p.revision.to}\n${code([...p.revision.imagesFrom.filter((i) => !p.revision!.imagesTo.includes(i)).map((i) => `- ${i}`), ...p.revision.imagesTo.filter((i) => !p.revision!.imagesFrom.includes(i)).map((i) => `+ ${i}`)]) || '_Images unchanged._'}`);
  }
  if (p.replicas) parts.push(`*Replicas:* ${p.replicas.from} → ${p.replicas.to}`);
  const extra = p.lines.filter((l) => !/^(Revision|Replicas) /.test(l) && !/^[-+] /.test(l) && !p.zones.some((z) => l.startsWith(`${z.zone}:`)));
  if (extra.length) parts.push(extra.map((l) => `• ${escapeMrkdwn(l)}`).join('\n'));
  if (p.dryRun) parts.push(`_${escapeMrkdwn(p.dryRun)}_`);
  if (p.secondConfirmationReason) parts.push(`:busts_in_silhouette: *Needs a second person to confirm:* ${escapeMrkdwn(p.secondConfirmationReason)}.`);
  if (m.state === 'pending' || m.state === 'awaiting_second') parts.push(`Expires at ${time.time(m.expiresAt)}.`);
  return parts;
}

export function mitigationMessage(m: Mitigation, time: TimeFormat): ChatMessage {
  const open = m.state === 'pending' || m.state === 'awaiting_second';
  const danger = m.request.kind === 'drain' || m.request.kind === 'cordon';
  const confirmations = m.confirmations.map((c) => `<@${c.userId}>`).join(', ');
  const result = m.result;
  const blocks = [
    header(`Mitigation #${m.id}: ${m.preview.headline}`),
    section(`*${STATE_LABEL[m.state]}*`),
    ...sections(previewDetails(m, time).join('\n\n')),
    m.progress.length ? section(`*Progress:*\n${m.progress.map((l) => `• ${escapeMrkdwn(l)}`).join('\n')}`) : null,
    result ? divider() : null,
    result ? section(`${result.ok ? ':white_check_mark:' : ':x:'} ${escapeMrkdwn(result.summary)}`) : null,
    result && result.details.length ? section(result.details.map((d) => `• ${escapeMrkdwn(d)}`).join('\n')) : null,
    result?.undo ? section(`*Undo:* \`${escapeMrkdwn(result.undo)}\``) : null,
    open
      ? actions(
          [button(m.state === 'awaiting_second' ? 'Confirm (second person)' : 'Confirm', MITIGATION_CONFIRM_ACTION_ID, String(m.id), danger ? 'danger' : 'primary'), button('Cancel', MITIGATION_CANCEL_ACTION_ID, String(m.id))],
          `mitigation_${m.id}`,
        )
      : null,
    context(`Asked by <@${m.requestedBy}> ${time.time(m.requestedAt)} on ${escapeMrkdwn(m.request.cluster)}`, confirmations ? `Confirmed by ${confirmations}` : ''),
  ];
  const summary = result ? ` ${escapeMrkdwn(result.summary)}` : '';
  return message(`Mitigation #${m.id} (${m.state.replace('_', ' ')}): ${escapeMrkdwn(m.preview.headline)}.${summary}`, blocks);
}
