/**
 * `/deploy-check` and `warroom deploy-check`: measure the service's SLOs, look for freezing incidents, assess the
 * risk matrix, decide, and store the check. Approvals and break-glass overrides act on stored checks.
 */
import { DomainError } from '../errors.js';
import { policyOf } from '../incident/severity.js';
import type { SeverityPolicy } from '../incident/settings.js';
import type { ChatMessage, ChatPort, Clock, Logger, MetricsPort, Store } from '../ports.js';
import { closestMatch } from '../text/closest.js';
import { decide } from './decision.js';
import { measureSlo } from './measure.js';
import type { ChangeRisk, DeployCheck, Freeze, Override, ReleaseSettings, ServiceReleaseSettings, SloReport } from './model.js';
import { assessBlastRadius, assessCoverage, assessErrorBudget, assessReversibility } from './risk.js';
import { assessTimeOfWeek } from './time-of-week.js';
import { runLimited } from './limit.js';

export interface DeployCheckViews {
  /** Posted in the war room of each freezing incident when someone breaks glass. */
  overrideAnnouncement(check: DeployCheck): ChatMessage;
}

export interface ReleaseDeps {
  store: Store;
  metrics: MetricsPort;
  /** Null where there is no Slack (the CLI): group look-ups and announcements are then skipped. */
  chat: ChatPort | null;
  views: DeployCheckViews | null;
  clock: Clock;
  logger: Logger;
  settings: ReleaseSettings;
  services: ServiceReleaseSettings[];
  severities: SeverityPolicy[];
  /** Who may break glass when `settings.approversGroup` is not set (the incident responders group). */
  fallbackOverrideGroup: string | null;
}

export interface DeployCheckRequest {
  service: string;
  risk: { blastRadius?: ChangeRisk['blastRadius']; rollback?: ChangeRisk['rollback']; coverage?: number; change?: string };
  override: string | null;
  requestedBy: string;
  origin: DeployCheck['origin'];
}

export interface ApprovalResult {
  check: DeployCheck;
  changed: boolean;
  reason?: string;
}

export function findReleaseService(services: ServiceReleaseSettings[], name: string): ServiceReleaseSettings {
  const wanted = name.trim().toLowerCase();
  const found = services.find((s) => s.service.toLowerCase() === wanted);
  if (found) return found;
  const names = services.map((s) => s.service);
  if (names.length === 0) throw new DomainError('UNKNOWN_SERVICE', `Unknown service "${name}": no services are configured. Add it under \`services:\` in warroom.yml with its SLOs.`);
  const hint = closestMatch(name, names);
  throw new DomainError('UNKNOWN_SERVICE', `Unknown service "${name}".${hint ? ` Did you mean "${hint}"?` : ''} Configured services: ${names.join(', ')}.`, { input: name, suggestion: hint, valid: names });
}

async function freezesFor(deps: ReleaseDeps, service: string): Promise<Freeze[]> {
  const open = await deps.store.incidents.listOpen();
  return open
    .filter((i) => (i.service === null || i.service === service) && policyOf(deps.severities, i.severity).freezesDeploys)
    .map((i) => ({ incidentId: i.id, severity: i.severity, title: i.title, channelId: i.channelId, onService: i.service === service }));
}

async function measureAll(deps: ReleaseDeps, service: ServiceReleaseSettings, at: Date): Promise<SloReport[]> {
  const status = deps.metrics.status();
  const options = { at, minEvents: deps.settings.minEvents, staleAfterMinutes: deps.settings.staleAfterMinutes };
  if (!status.configured) {
    return service.slos.map((slo) => ({ service: slo.service, name: slo.name, objective: slo.objective, windowLabel: slo.windowLabel, source: slo.source, unknown: status.detail, events: null, budget: null, burnRates: [], alert: null, historyMinutes: null }));
  }
  // Each SLO runs several queries at once; the adapter bounds the total in flight.
  return runLimited(service.slos, Math.max(1, Math.ceil(deps.settings.queryConcurrency / 4)), (slo) => measureSlo(deps.metrics, slo, options));
}

async function mayBreakGlass(deps: ReleaseDeps, userId: string): Promise<boolean> {
  const group = deps.settings.approversGroup ?? deps.fallbackOverrideGroup;
  if (!group || !deps.chat) return false;
  return (await deps.chat.usersInGroup(group)).includes(userId);
}

export function createDeployChecks(deps: ReleaseDeps) {
  async function run(request: DeployCheckRequest): Promise<DeployCheck> {
    const service = findReleaseService(deps.services, request.service);
    const at = deps.clock.now();
    let override: Override | null = null;
    if (request.override !== null) {
      if (!request.override.trim()) throw new DomainError('BAD_INPUT', 'Breaking glass needs a reason: `--override "P0 fix for the payment outage"`.');
      if (request.origin !== 'slack') throw new DomainError('FORBIDDEN', 'Break glass from Slack (`/deploy-check <service> --override "<reason>"`), where Warroom knows who you are; the pipeline then sees the override.');
      if (!(await mayBreakGlass(deps, request.requestedBy))) {
        const group = deps.settings.approversGroup ?? deps.fallbackOverrideGroup;
        throw new DomainError('FORBIDDEN', group ? `Only members of the approvers user group (${group}) may break glass on a deploy check.` : 'Nobody may break glass until `deploy.approvers_group` (or `slack.responders_group`) is configured.');
      }
      override = { userId: request.requestedBy, reason: request.override.trim(), at };
    }
    const risk: ChangeRisk = {
      blastRadius: request.risk.blastRadius ?? service.defaults.blastRadius,
      rollback: request.risk.rollback ?? service.defaults.rollback,
      coverage: request.risk.coverage ?? service.defaults.coverage,
      change: request.risk.change ?? null,
    };
    const [slos, freezes] = await Promise.all([measureAll(deps, service, at), freezesFor(deps, service.service)]);
    const timeOfWeek = { ...deps.settings.timeOfWeek, timeZone: service.timeZone ?? deps.settings.timeOfWeek.timeZone };
    const dimensions = [
      assessBlastRadius(risk.blastRadius),
      assessReversibility(risk.rollback),
      assessCoverage(risk.coverage, deps.settings.coverage),
      assessErrorBudget(slos, service.service),
      assessTimeOfWeek(at, timeOfWeek),
    ];
    const outcome = decide({ dimensions, slos, freezes, unknownCountsAs: deps.settings.unknownCountsAs, override });
    let check = await deps.store.deployChecks.create({ service: service.service, requestedBy: request.requestedBy, origin: request.origin, requestedAt: at, risk, dimensions, slos, freezes, outcome });
    if (override) {
      check = await deps.store.deployChecks.setOverride(check.id, override);
      await announceOverride(check);
    }
    deps.logger.info({ checkId: check.id, service: check.service, decision: outcome.decision, origin: request.origin }, 'deploy check');
    return check;
  }

  async function announceOverride(check: DeployCheck): Promise<void> {
    if (!deps.chat || !deps.views) return;
    const message = deps.views.overrideAnnouncement(check);
    const channels = [...new Set(check.freezes.map((f) => f.channelId).filter((c): c is string => c !== null))];
    await Promise.all(
      channels.map((channel) =>
        deps.chat?.postMessage(channel, message).catch((err: unknown) => deps.logger.warn({ err, channel, checkId: check.id }, 'could not announce a deploy-check override')),
      ),
    );
  }

  async function approve(checkId: number, userId: string): Promise<ApprovalResult> {
    const check = await deps.store.deployChecks.get(checkId);
    if (!check) throw new DomainError('BAD_INPUT', `Deploy check #${checkId} does not exist (any more).`);
    if (check.requestedBy === userId) return { check, changed: false, reason: 'You asked for this check: approvals must come from someone else.' };
    if (check.approvals.some((a) => a.userId === userId)) return { check, changed: false, reason: 'You have already approved this check.' };
    const blocked = check.outcome.decision === 'BLOCKED' || (check.outcome.decision === 'UNKNOWN' && deps.settings.unknownCountsAs === 'BLOCKED');
    if (blocked && !check.override) return { check, changed: false, reason: 'A blocked deploy cannot be approved: fix what blocks it, or break glass with `--override "<reason>"`.' };
    const group = deps.settings.approversGroup;
    if (group && deps.chat && !(await deps.chat.usersInGroup(group)).includes(userId)) {
      throw new DomainError('FORBIDDEN', `Only members of the approvers user group (${group}) may approve deploy checks.`);
    }
    return { check: await deps.store.deployChecks.addApproval(checkId, { userId, at: deps.clock.now() }), changed: true };
  }

  async function history(serviceName: string, limit = 10): Promise<DeployCheck[]> {
    const service = findReleaseService(deps.services, serviceName);
    return deps.store.deployChecks.listByService(service.service, limit);
  }

  return { run, approve, history };
}

export type DeployCheckUseCases = ReturnType<typeof createDeployChecks>;
