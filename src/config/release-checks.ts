/**
 * Deploy-check rules that span several fields of warroom.yml. Like cross-checks.ts they read the raw document
 * defensively, so they report even when other parts of the file are malformed.
 */
import type { Problem } from './problems.js';

type Raw = Record<string, unknown>;

const record = (value: unknown): Raw => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** A percentage the schema accepts, or null (the schema reports the rest). */
const pct = (value: unknown): number | null => (typeof value === 'number' && value >= 0 && value <= 100 ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** "9:05" → 545; null when it is not a clock time (the schema reports that). */
function minutesOf(value: unknown, fallback: string): number | null {
  const text = value === undefined ? fallback : str(value);
  const match = text === null ? null : /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function checkDeploy(deploy: Raw): Problem[] {
  const problems: Problem[] = [];
  const coverage = record(deploy.coverage);
  const low = coverage.low_at_least === undefined ? 90 : pct(coverage.low_at_least);
  const medium = coverage.medium_at_least === undefined ? 50 : pct(coverage.medium_at_least);
  if (low !== null && medium !== null && medium > low) {
    problems.push({ path: 'deploy.coverage.medium_at_least', message: `must not be above low_at_least (${low}): coverage from medium_at_least is medium risk, from low_at_least low` });
  }
  const hours = record(deploy.business_hours);
  const start = minutesOf(hours.start, '09:00');
  const end = minutesOf(hours.end, '17:00');
  const evening = minutesOf(deploy.evening_end, '22:00');
  if (start !== null && end !== null && start >= end) {
    problems.push({ path: 'deploy.business_hours.end', message: `must be later than business_hours.start (${String(hours.start ?? '09:00')}); hours past midnight are not supported` });
  }
  if (end !== null && evening !== null && evening < end) {
    problems.push({ path: 'deploy.evening_end', message: `must not be before business_hours.end (${String(hours.end ?? '17:00')}): evenings run from the end of business hours until evening_end, then it is night` });
  }
  return problems;
}

/** Each SLO names exactly one kind of SLI, and SLO names are unique within a service (case-insensitively). */
function checkServiceSlos(service: Raw, index: number): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  items(service.slos).forEach((entry, j) => {
    const slo = record(entry);
    const at = `services[${index}].slos[${j}]`;
    const name = str(slo.name);
    if (name) {
      const first = seen.get(name.toLowerCase());
      if (first) problems.push({ path: `${at}.name`, message: `duplicate SLO name "${name}" for this service (already used at ${first})` });
      else seen.set(name.toLowerCase(), `${at}.name`);
    }
    // A missing or malformed sli is the schema's to report.
    if (slo.sli === null || typeof slo.sli !== 'object' || Array.isArray(slo.sli)) return;
    const sli = record(slo.sli);
    const hasError = sli.error_query !== undefined;
    const hasTotal = sli.total_query !== undefined;
    const hasRatio = sli.error_ratio_query !== undefined;
    if (hasRatio && (hasError || hasTotal)) {
      problems.push({ path: `${at}.sli`, message: 'give either error_query and total_query, or error_ratio_query, not both kinds' });
    } else if (!hasRatio && hasError !== hasTotal) {
      problems.push({ path: `${at}.sli.${hasError ? 'total_query' : 'error_query'}`, message: `required with ${hasError ? 'error_query' : 'total_query'} (the error ratio is error_query / total_query)` });
    } else if (!hasRatio && !hasError && Object.keys(sli).length === 0) {
      problems.push({ path: `${at}.sli`, message: 'expected error_query and total_query, or error_ratio_query' });
    }
  });
  return problems;
}

export function releaseCrossCheck(document: unknown): Problem[] {
  const root = record(document);
  return [...checkDeploy(record(root.deploy)), ...items(root.services).flatMap((s, i) => checkServiceSlos(record(s), i))];
}
