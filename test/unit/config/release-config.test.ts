import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultReleaseSettings, parseConfigText, parseWindow, readConfigFile, validateConfigFile } from '../../../src/config/index.js';
import { timeOfWeekProblems } from '../../../src/core/release/time-of-week.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../fixtures/config');
const root = join(here, '../../..');

function problemsOf(yaml: string): string[] {
  const result = parseConfigText(yaml, fixtures);
  return result.ok ? [] : result.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}

const QUERY = 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))';
const TOTAL = 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))';
const sloYaml = (fields: string): string => `services:\n  - name: checkout\n    slos:\n      - ${fields}\n`;

describe('deploy settings', () => {
  it('maps every deploy option to ReleaseSettings, normalising days, clocks and the UNKNOWN policy', () => {
    const result = readConfigFile(join(fixtures, 'release.yml'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.settings.release).toEqual({
      coverage: { lowAtLeast: 85, mediumAtLeast: 40 },
      timeOfWeek: {
        timeZone: 'Europe/Paris',
        lowRiskDays: [1, 2, 3, 4, 5],
        businessStart: '08:30', // written "8:30"
        businessEnd: '18:00',
        fridayAfternoonFrom: '13:00',
        eveningEnd: '21:30',
        freezeDates: ['2026-12-24..2027-01-02', '2026-11-27'],
      },
      minEvents: 500,
      staleAfterMinutes: 5,
      unknownCountsAs: 'BLOCKED', // written "blocked"
      approversGroup: 'S0RELEASE',
      queryConcurrency: 4,
    });
    expect(timeOfWeekProblems(result.settings.release.timeOfWeek)).toEqual([]);
  });

  it('defaults every deploy option, with the top-level time zone', () => {
    const result = parseConfigText('time_zone: Asia/Tokyo\n', fixtures);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.settings.release).toEqual({
      coverage: { lowAtLeast: 90, mediumAtLeast: 50 },
      timeOfWeek: { timeZone: 'Asia/Tokyo', lowRiskDays: [1, 2, 3, 4], businessStart: '09:00', businessEnd: '17:00', fridayAfternoonFrom: '12:00', eveningEnd: '22:00', freezeDates: [] },
      minEvents: 1000,
      staleAfterMinutes: 10,
      unknownCountsAs: 'REVIEW',
      approversGroup: null,
      queryConcurrency: 8,
    });
    expect(defaultReleaseSettings('Asia/Tokyo')).toEqual(result.settings.release);
    expect(parseConfigText('deploy:\n', fixtures)).toMatchObject({ ok: true, settings: { release: { minEvents: 1000 } } });
  });

  it('the documented example loads with the SLO files it references, and its deploy section is the defaults', () => {
    const path = join(root, 'config/warroom.example.yml');
    expect(validateConfigFile(path)).toEqual([]);
    const result = readConfigFile(path);
    if (!result.ok) throw new Error('example should be valid');
    expect(result.settings.release).toEqual(defaultReleaseSettings('UTC'));
    const slos = result.settings.releaseServices.map((s) => [s.service, s.slos.map((slo) => `${slo.name}@${slo.source}`)]);
    expect(slos).toEqual([
      ['checkout', ['availability@warroom.example.yml services[checkout].slos[0]', 'latency@slo/checkout.sloth.yml slos[0]']],
      ['search', ['availability@slo/search.openslo.yml']],
    ]);
    // The bare counter selector in the example's OpenSLO file is read as a rate over the window.
    expect(result.settings.releaseServices[1]?.slos[0]?.sli).toEqual({
      kind: 'events',
      errorQuery: '(sum(rate(http_requests_total{service="search"}[{{.window}}]))) - (sum(rate(http_requests_total{service="search",code!~"5.."}[{{.window}}])))',
      totalQuery: 'sum(rate(http_requests_total{service="search"}[{{.window}}]))',
    });
  });

  it('reports every bad deploy option with its path', () => {
    const problems = validateConfigFile(join(fixtures, 'release-invalid.yml'));
    const expected = [
      /^deploy\.coverage\.medium_at_least: expected a percentage from 0 to 100, got 120$/,
      /^deploy\.business_hours\.days\[1\]: expected a day: mon, tue, wed, thu, fri, sat, sun, got "tuesday"$/,
      /^deploy\.business_hours\.end: expected a time of day HH:MM \(24-hour, 00:00 to 23:59\), got "9am"$/,
      /^deploy\.friday_afternoon_from: expected a time of day HH:MM .*got "25:00"$/,
      /^deploy\.freeze_dates\[0\]: 2026-02-30 is not a date on the calendar$/,
      /^deploy\.freeze_dates\[1\]: the range ends before it starts \(2027-01-02 is after 2026-12-24\)$/,
      /^deploy\.freeze_dates\[2\]: expected a date YYYY-MM-DD or a range YYYY-MM-DD\.\.YYYY-MM-DD, got "next friday"$/,
      /^deploy\.min_events: expected a whole number, 0 or more, got -1$/,
      /^deploy\.unknown_counts_as: expected one of REVIEW, BLOCKED, got "PANIC"$/,
      /^deploy\.approvers_group: expected a Slack user group ID like S0123456789, got "U0ALICE"/,
      /^deploy\.query_concurency: unknown option \(did you mean query_concurrency\?\)$/,
      /^services\[0\]\.deploy_defaults\.blast_radius: expected one of namespace, multi-namespace, cluster, got "region"$/,
      /^services\[0\]\.deploy_defaults\.rollback: expected one of instant, fast, slow, got "quick"$/,
      /^services\[0\]\.deploy_defaults\.coverage: expected a percentage from 0 to 100, got 120$/,
      /^services\[0\]\.slos\[0\]\.objective: an objective of 100% leaves no error budget/,
      /^services\[0\]\.slos\[0\]\.window: "1m" is one minute; an SLO window is days \(did you mean 30d\?\)$/,
      /^services\[0\]\.slos\[0\]\.sli\.error_query: has no \{\{\.window\}\} placeholder: .*e\.g\. sum\(rate\(/,
      /^services\[0\]\.slos\[1\]\.name: duplicate SLO name "Availability" for this service \(already used at services\[0\]\.slos\[0\]\.name\)$/,
      /^services\[0\]\.slos\[1\]\.objective: 0\.999 is a percent here \(0\.999%\); did you mean 99\.9\?$/,
      /^services\[0\]\.slos\[1\]\.window: "120d" is outside the supported range of 1d to 90d/,
      /^services\[0\]\.slos\[1\]\.sli\.total_query: required with error_query/,
      /^services\[0\]\.slos\[2\]\.sli: give either error_query and total_query, or error_ratio_query, not both kinds$/,
      /^services\[0\]\.slos\[2\]\.sli\.error_ratio_query: has no \{\{\.window\}\} placeholder/,
    ];
    for (const pattern of expected) expect(problems, `missing ${pattern}`).toContainEqual(expect.stringMatching(pattern));
    expect(problems).toHaveLength(expected.length);
  });

  it('checks that tiers and hours are in order', () => {
    expect(problemsOf('deploy: { coverage: { low_at_least: 40 } }')).toEqual([expect.stringMatching(/^deploy\.coverage\.medium_at_least: must not be above low_at_least \(40\)/)]);
    expect(problemsOf('deploy: { business_hours: { start: "18:00", end: "09:00" } }')).toEqual([expect.stringMatching(/^deploy\.business_hours\.end: must be later than business_hours\.start \(18:00\)/)]);
    expect(problemsOf('deploy: { evening_end: "16:00" }')).toEqual([expect.stringMatching(/^deploy\.evening_end: must not be before business_hours\.end \(17:00\)/)]);
    expect(problemsOf('deploy: { business_hours: { days: [] } }')).toEqual(['deploy.business_hours.days: needs at least one day (mon … sun)']);
    expect(problemsOf('deploy: { query_concurrency: 500 }')).toEqual([expect.stringMatching(/^deploy\.query_concurrency: at most 64/)]);
    expect(problemsOf('deploy: { time_zone: Berlin }')).toEqual([expect.stringMatching(/^deploy\.time_zone: unknown time zone "Berlin"/)]);
    expect(problemsOf('deploy: { freeze_dates: ["2028-02-29", "2026-01-01..2026-01-01"] }')).toEqual([]);
  });
});

describe('service SLOs in warroom.yml', () => {
  it('maps SLOs with windows in minutes, the label kept, and min_events resolved', () => {
    const result = readConfigFile(join(fixtures, 'release.yml'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [checkout, search, billing] = result.settings.releaseServices;
    expect(checkout?.slos.slice(0, 2)).toEqual([
      {
        service: 'checkout',
        name: 'availability',
        objective: 99.9,
        windowMinutes: 43_200,
        windowLabel: '30d',
        sli: { kind: 'events', errorQuery: QUERY, totalQuery: TOTAL },
        source: 'release.yml services[checkout].slos[0]',
        minEvents: 2000,
      },
      {
        service: 'checkout',
        name: 'queue-health',
        objective: 99,
        windowMinutes: 40_320,
        windowLabel: '4w',
        sli: { kind: 'ratio', errorRatioQuery: 'avg_over_time(queue_error_ratio{service="checkout"}[{{.window}}])' },
        source: 'release.yml services[checkout].slos[1]',
        minEvents: 500, // deploy.min_events
      },
    ]);
    expect(checkout).toMatchObject({ defaults: { blastRadius: 'multi-namespace', rollback: 'instant', coverage: 87.5 }, timeZone: 'America/New_York' });
    expect(search).toMatchObject({ defaults: { blastRadius: 'namespace', rollback: 'fast', coverage: null }, timeZone: null });
    // Every configured service is listed, with or without SLOs; unset defaults fall back one by one.
    expect(billing).toEqual({ service: 'billing', slos: [], defaults: { blastRadius: 'namespace', rollback: 'slow', coverage: null }, timeZone: null });
  });

  it('defaults the window to 30d and accepts {{ .window }} with spaces', () => {
    const result = parseConfigText(sloYaml(`{ name: a, objective: 99.5, sli: { error_ratio_query: "avg(x[{{ .window }}])" } }`), fixtures);
    expect(result.ok && result.settings.releaseServices[0]?.slos[0]).toMatchObject({ windowMinutes: 43_200, windowLabel: '30d', sli: { kind: 'ratio', errorRatioQuery: 'avg(x[{{ .window }}])' } });
  });

  it('requires exactly one SLI kind and says what is missing', () => {
    expect(problemsOf(sloYaml(`{ name: a, objective: 99, sli: { total_query: '${TOTAL}' } }`))).toEqual([
      'services[0].slos[0].sli.error_query: required with total_query (the error ratio is error_query / total_query)',
    ]);
    expect(problemsOf(sloYaml('{ name: a, objective: 99, sli: {} }'))).toEqual(['services[0].slos[0].sli: expected error_query and total_query, or error_ratio_query']);
    expect(problemsOf(sloYaml('{ name: a, objective: 99 }'))).toEqual(['services[0].slos[0].sli: required (a mapping with error_query and total_query, or error_ratio_query)']);
    // A misspelt key is reported once, with the spelling it probably meant.
    expect(problemsOf(sloYaml(`{ name: a, objective: 99, sli: { eror_query: x } }`))).toEqual(['services[0].slos[0].sli.eror_query: unknown option (did you mean error_query?)']);
  });

  it('checks objectives, windows and names', () => {
    const one = (fields: string): string[] => problemsOf(sloYaml(`{ name: a, sli: { error_ratio_query: "x[{{.window}}]" }, ${fields} }`));
    expect(one('objective: 0')).toEqual([expect.stringMatching(/^services\[0\]\.slos\[0\]\.objective: expected a percentage between 0 and 100 \(exclusive\), like 99\.9, got 0$/)]);
    expect(one('objective: "99.9%"')).toEqual([expect.stringMatching(/^services\[0\]\.slos\[0\]\.objective: expected a percentage between 0 and 100, like 99\.9, got "99\.9%"$/)]);
    expect(one('objective: 99, window: 30m')).toEqual(['services[0].slos[0].window: "30m" is 30 minutes; an SLO window is days (did you mean 30d?)']);
    expect(one('objective: 99, window: 1M')).toEqual([expect.stringMatching(/^services\[0\]\.slos\[0\]\.window: "1M": months have no fixed length .* e\.g\. 30d$/)]);
    expect(one('objective: 99, window: 12h')).toEqual([expect.stringMatching(/outside the supported range of 1d to 90d/)]);
    expect(one('objective: 99, window: 30 days')).toEqual([expect.stringMatching(/"30 days" is not a duration/)]);
    expect(one('objective: 99, window: 30s')).toEqual([expect.stringMatching(/unit s is not allowed in an SLO window; use h, d or w/)]);
    expect(problemsOf(sloYaml('{ name: "two words", objective: 99, sli: { error_ratio_query: "x[{{.window}}]" } }'))).toEqual([expect.stringMatching(/^services\[0\]\.slos\[0\]\.name: expected a short name/)]);
  });
});

describe('parseWindow', () => {
  it('reads d, h and w into minutes, keeping the label', () => {
    expect(parseWindow('30d')).toEqual({ ok: true, minutes: 43_200, label: '30d' });
    expect(parseWindow('4w')).toEqual({ ok: true, minutes: 40_320, label: '4w' });
    expect(parseWindow('24h')).toEqual({ ok: true, minutes: 1440, label: '24h' });
    expect(parseWindow('90d')).toMatchObject({ ok: true, minutes: 129_600 });
    expect(parseWindow('91d')).toMatchObject({ ok: false });
    expect(parseWindow('1m', true)).toEqual({ ok: false, message: '"1m" is one minute; an SLO window is days (did you mean 1M for a month? use 30d)' });
  });
});
