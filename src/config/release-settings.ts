/** Maps the deploy-check parts of warroom.yml, plus the imported SLO files, onto the release core's settings. */
import type { ReleaseSettings, ServiceReleaseSettings, SloDefinition } from '../core/release/model.js';
import { closestMatch } from '../core/text/closest.js';
import type { FileConfig } from './file-schema.js';
import type { Problem } from './problems.js';
import { WEEKDAYS } from './release-fields.js';
import { deploySchema } from './release-schema.js';
import type { SloFileResult } from './slo-files.js';
import type { ImportedSlo } from './slo-import-shared.js';
import { parseWindow } from './slo-window.js';

/** An SLO with the event floor that applies to it: its own `min_events`, else `deploy.min_events`. */
export type ConfiguredSlo = SloDefinition & { minEvents: number };

export interface ConfiguredServiceRelease extends ServiceReleaseSettings {
  slos: ConfiguredSlo[];
}

type DeployConfig = FileConfig['deploy'];

export function releaseSettingsFrom(deploy: DeployConfig, teamTimeZone: string): ReleaseSettings {
  const isoDays = [...new Set(deploy.business_hours.days.map((day) => WEEKDAYS.indexOf(day) + 1))].sort((a, b) => a - b);
  return {
    coverage: { lowAtLeast: deploy.coverage.low_at_least, mediumAtLeast: deploy.coverage.medium_at_least },
    timeOfWeek: {
      timeZone: deploy.time_zone ?? teamTimeZone,
      lowRiskDays: isoDays,
      businessStart: deploy.business_hours.start,
      businessEnd: deploy.business_hours.end,
      fridayAfternoonFrom: deploy.friday_afternoon_from,
      eveningEnd: deploy.evening_end,
      freezeDates: deploy.freeze_dates.map((d) => d.trim()),
    },
    minEvents: deploy.min_events,
    staleAfterMinutes: deploy.stale_after_minutes,
    unknownCountsAs: deploy.unknown_counts_as,
    approversGroup: deploy.approvers_group,
    queryConcurrency: deploy.query_concurrency,
  };
}

/** Release settings when there is no config file at all. */
export function defaultReleaseSettings(timeZone: string): ReleaseSettings {
  return releaseSettingsFrom(deploySchema.parse(undefined), timeZone);
}

type Raw = Record<string, unknown>;
const record = (value: unknown): Raw => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Imported SLOs must name a configured service, and an SLO name may appear once per service across warroom.yml
 * and every file. Reads the raw document so that it reports even when the schema failed elsewhere.
 */
export function checkImportedSlos(document: unknown, { slos: imported, services: refs }: SloFileResult): Problem[] {
  const services = items(record(document).services).map((s) => record(s));
  const names = services.flatMap((s) => (typeof s.name === 'string' ? [s.name] : []));
  const seen = new Map<string, string>();
  services.forEach((s, i) => {
    const serviceName = s.name;
    if (typeof serviceName !== 'string') return;
    items(s.slos).forEach((slo, j) => {
      const name = record(slo).name;
      const key = `${serviceName.toLowerCase()}\n${String(name).toLowerCase()}`;
      if (typeof name === 'string' && !seen.has(key)) seen.set(key, `services[${i}].slos[${j}].name`);
    });
  });
  const configured = (name: string): string | undefined => names.find((n) => n.toLowerCase() === name.toLowerCase());
  const problems: Problem[] = [];
  for (const { service, path } of refs) {
    if (configured(service)) continue;
    const hint = closestMatch(service, names);
    const known = names.length > 0 ? `services: has ${names.join(', ')}` : 'services: is empty';
    problems.push({ path, message: `"${service}" is not a configured service (${known})${hint ? `; did you mean ${hint}?` : '; add it to services:'}` });
  }
  for (const { slo, namePath } of imported) {
    const service = configured(slo.service);
    if (!service) continue;
    const key = `${service.toLowerCase()}\n${slo.name.toLowerCase()}`;
    const first = seen.get(key);
    if (first) problems.push({ path: namePath, message: `duplicate SLO "${slo.name}" for service ${service} (already defined at ${first})` });
    else seen.set(key, namePath);
  }
  return problems;
}

/** Every configured service with its SLOs (config first, then files in order) and its change defaults. */
export function releaseServicesFrom(config: FileConfig, imported: readonly ImportedSlo[], configName: string): ConfiguredServiceRelease[] {
  const floor = config.deploy.min_events;
  return config.services.map((service) => {
    const own: ConfiguredSlo[] = service.slos.map((slo, j) => {
      const window = parseWindow(slo.window);
      if (!window.ok) throw new Error(`unreachable: window ${slo.window} passed the schema`);
      const sli: SloDefinition['sli'] = slo.sli.error_ratio_query
        ? { kind: 'ratio', errorRatioQuery: slo.sli.error_ratio_query }
        : { kind: 'events', errorQuery: slo.sli.error_query ?? '', totalQuery: slo.sli.total_query ?? '' };
      return {
        service: service.name,
        name: slo.name,
        objective: slo.objective,
        windowMinutes: window.minutes,
        windowLabel: window.label,
        sli,
        source: `${configName} services[${service.name}].slos[${j}]`,
        minEvents: slo.min_events ?? floor,
      };
    });
    const fromFiles = imported
      .filter(({ slo }) => slo.service.toLowerCase() === service.name.toLowerCase())
      .map(({ slo }) => ({ ...slo, service: service.name, minEvents: floor }));
    return {
      service: service.name,
      slos: [...own, ...fromFiles],
      defaults: { blastRadius: service.deploy_defaults.blast_radius, rollback: service.deploy_defaults.rollback, coverage: service.deploy_defaults.coverage },
      timeZone: service.time_zone,
    };
  });
}
