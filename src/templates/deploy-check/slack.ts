/** The deploy check as a Slack message (Block Kit), its history, and the break-glass announcement. */
import type { ChatMessage } from '../../core/ports.js';
import type { DeployCheck, SloReport } from '../../core/release/model.js';
import { actions, button, context, divider, fields, header, message, section, sections } from '../blocks/kit.js';
import { escapeMrkdwn, escapeMrkdwnMessage } from '../escape.js';
import { createTimeFormat } from '../format.js';
import { budgetLine, burnMultiple, DECISION_EMOJI, DIMENSION_LABEL, levelLabel } from './format.js';

export const DEPLOY_CHECK_APPROVE_ACTION_ID = 'deploy_check_approve';

export interface DeployCheckSlackOptions {
  timeZone: string;
  /** What UNKNOWN counts as, shown next to it. */
  unknownCountsAs: 'REVIEW' | 'BLOCKED';
}

function sloLine(slo: SloReport): string {
  const name = `*${escapeMrkdwn(slo.name)}* (${slo.objective}% over ${escapeMrkdwn(slo.windowLabel)})`;
  if (slo.unknown) return `:grey_question: ${name}: unknown — ${escapeMrkdwn(slo.unknown)}`;
  const burns = slo.burnRates.map((b) => `${b.window} ${burnMultiple(b.burn)}`).join(' · ');
  const alert = slo.alert ? `\n:rotating_light: ${slo.alert.level === 'page' ? 'Page-level' : 'Ticket-level'} burn: ${escapeMrkdwn(slo.alert.rule)}` : '';
  return `${name}: ${slo.budget ? budgetLine(slo.budget) : 'no budget figures'}\nBurn: ${burns}${alert}`;
}

function isApprovable(check: DeployCheck, unknownCountsAs: 'REVIEW' | 'BLOCKED'): boolean {
  const blocked = check.outcome.decision === 'BLOCKED' || (check.outcome.decision === 'UNKNOWN' && unknownCountsAs === 'BLOCKED');
  return !blocked || check.override !== null;
}

export function deployCheckMessage(check: DeployCheck, options: DeployCheckSlackOptions): ChatMessage {
  const time = createTimeFormat(options.timeZone);
  const { decision, reasons, conditions, approvalsRequired } = check.outcome;
  const counted = decision === 'UNKNOWN' ? ` (counts as ${options.unknownCountsAs})` : '';
  const main = reasons[0] ?? '';
  const approvedBy = check.approvals.map((a) => `<@${a.userId}>`).join(', ');
  const approvals = `*Approvals:* ${check.approvals.length} of ${approvalsRequired}${approvedBy ? ` — ${approvedBy}` : ''}`;
  const blocks = [
    header(`${decision}${counted}: deploy check #${check.id} for ${check.service}`),
    section(`${DECISION_EMOJI[decision]} ${escapeMrkdwnMessage(main)}`),
    fields(check.dimensions.map((d) => [`${DIMENSION_LABEL[d.dimension]}: ${levelLabel(d.level)}`, `${escapeMrkdwn(d.value)}\n_${escapeMrkdwn(d.why)}_`])),
    ...sections(check.slos.length ? check.slos.map(sloLine).join('\n\n') : '_No SLOs configured for this service._'),
    check.freezes.length ? section(`:no_entry: *Frozen by:* ${check.freezes.map((f) => `incident #${f.incidentId} (${escapeMrkdwn(f.severity)}${f.channelId ? `, <#${f.channelId}>` : ''})`).join(', ')}`) : null,
    reasons.length > 1 ? section(reasons.slice(1).map((r) => `• ${escapeMrkdwnMessage(r)}`).join('\n')) : null,
    divider(),
    section(`*Conditions:*\n${conditions.map((c) => `• ${escapeMrkdwn(c)}`).join('\n') || '• none'}\n${approvals}`),
    check.override ? section(`:rotating_light: *Glass broken* by <@${check.override.userId}>: ${escapeMrkdwn(check.override.reason)}`) : null,
    isApprovable(check, options.unknownCountsAs) && check.approvals.length < approvalsRequired ? actions([button('Approve', DEPLOY_CHECK_APPROVE_ACTION_ID, String(check.id), 'primary')], `deploy_check_${check.id}`) : null,
    context(
      `Requested by <@${check.requestedBy}> ${time.dateTime(check.requestedAt)} from ${check.origin}`,
      check.risk.change ? `Change: ${escapeMrkdwn(check.risk.change)}` : '',
    ),
  ];
  return message(`${decision}${counted}: deploy check #${check.id} for ${escapeMrkdwn(check.service)}. ${escapeMrkdwnMessage(main)}`, blocks);
}

export function deployCheckHistory(service: string, checks: DeployCheck[], timeZone: string): ChatMessage {
  const time = createTimeFormat(timeZone);
  if (checks.length === 0) return message(`No deploy checks recorded for ${escapeMrkdwn(service)} yet.`, [section(`No deploy checks recorded for *${escapeMrkdwn(service)}* yet.`)]);
  const lines = checks.map((c) => {
    const extra = [c.override ? `glass broken by <@${c.override.userId}>` : '', `${c.approvals.length}/${c.outcome.approvalsRequired} approvals`].filter(Boolean).join(', ');
    return `${DECISION_EMOJI[c.outcome.decision]} #${c.id} *${c.outcome.decision}* ${time.dateTime(c.requestedAt)} by <@${c.requestedBy}> (${c.origin}; ${extra})${c.risk.change ? ` — ${escapeMrkdwn(c.risk.change)}` : ''}`;
  });
  return message(`Deploy checks for ${escapeMrkdwn(service)}`, [header(`Deploy checks for ${service}`), ...sections(lines.join('\n'))]);
}

export function overrideAnnouncement(check: DeployCheck): ChatMessage {
  const override = check.override;
  const text = `:rotating_light: <@${override?.userId ?? check.requestedBy}> broke glass on deploy check #${check.id} for *${escapeMrkdwn(check.service)}* (${check.outcome.decision}) while this incident freezes deploys. Reason: ${escapeMrkdwn(override?.reason ?? '')}`;
  return message(text, [section(text)]);
}
