/** Ephemeral answers to the read-only cluster commands: nodes, pods, history. */
import type { HistoryReport, NodesReport, PodsReport } from '../../core/mitigation/api.js';
import type { ChatMessage } from '../../core/ports.js';
import { header, message, section, sections } from '../blocks/kit.js';
import { escapeMrkdwn } from '../escape.js';

const block = (lines: string[]): string => `\`\`\`\n${lines.join('\n').replace(/```/g, "'''")}\n\`\`\``;
const MAX_ROWS = 60;
const capped = (lines: string[]): string[] => (lines.length > MAX_ROWS ? [...lines.slice(0, MAX_ROWS), `… and ${lines.length - MAX_ROWS} more`] : lines);

export function nodesReportMessage(r: NodesReport): ChatMessage {
  const title = `Nodes on ${r.cluster}${r.selector ? ` matching ${r.selector}` : ''}: ${r.nodes.length}`;
  const zones = r.zones.map((z) => `${z.zone}: ${z.total} nodes, ${z.ready} Ready, ${z.notReady} NotReady, ${r.nodes.filter((n) => (n.zone ?? '(no zone)') === z.zone && !n.unschedulable).length} schedulable`);
  const nodes = r.nodes.map((n) => `${n.name}  ${n.zone ?? '-'}  ${n.ready ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`);
  return message(escapeMrkdwn(title), [header(title), section(zones.map((z) => `• ${escapeMrkdwn(z)}`).join('\n') || '_No zones._'), ...sections(block(capped(nodes)))]);
}

export function podsReportMessage(r: PodsReport): ChatMessage {
  const d = r.deployment;
  const title = `${d.namespace}/${d.name} on ${r.cluster}: ${d.readyReplicas}/${d.replicas} ready, revision ${d.revision ?? '?'}`;
  const pods = r.pods.map((p) => `${p.name}  ${p.phase}${p.ready ? '' : ' (not ready)'}  restarts ${p.restarts}  ${p.nodeName ?? '-'}`);
  return message(escapeMrkdwn(title), [header(title), ...sections(pods.length ? block(capped(pods)) : '_No pods._')]);
}

export function historyReportMessage(r: HistoryReport): ChatMessage {
  const d = r.deployment;
  const title = `Rollout history of ${d.namespace}/${d.name} on ${r.cluster}`;
  const rows = r.revisions.map((rs) => `${String(rs.revision ?? '?').padStart(4)}${rs.revision === d.revision ? ' (current)' : '          '}  ${rs.images.join(', ')}`);
  return message(escapeMrkdwn(title), [header(title), ...sections(rows.length ? block(capped(rows)) : '_No revisions recorded._')]);
}
