import { describe, expect, it } from 'vitest';
import { parseSloFile } from '../../../src/config/index.js';

function parse(yaml: string, defaultWindow = '30d') {
  const problems: { path: string; message: string }[] = [];
  const { slos } = parseSloFile(yaml, 'slo/x.yml', defaultWindow, problems);
  return { slos, problems: problems.map((p) => `${p.path}: ${p.message}`) };
}

const Q = (what: string): string => `sum(rate(${what}[{{.window}}]))`;
const metric = (query: string, type = 'Prometheus'): string => `{ metricSource: { type: ${type}, spec: { query: '${query}' } } }`;

/** An OpenSLO SLO document with overridable parts. */
function openSlo(parts: { ratio?: string; spec?: string; objectives?: string; timeWindow?: string; budgeting?: string } = {}): string {
  return [
    'apiVersion: openslo/v1',
    'kind: SLO',
    'metadata: { name: api }',
    'spec:',
    '  service: search',
    parts.spec ?? `  indicator: { spec: { ratioMetric: ${parts.ratio ?? `{ bad: ${metric(Q('errors_total'))}, total: ${metric(Q('requests_total'))} }`} } }`,
    parts.timeWindow ?? '  timeWindow: [{ duration: 7d, isRolling: true }]',
    parts.budgeting ?? '  budgetingMethod: Occurrences',
    `  objectives: ${parts.objectives ?? '[{ targetPercent: 99.9 }]'}`,
  ].join('\n');
}

describe('OpenSLO details', () => {
  it('maps bad/total as it is, and a raw ratio by its rawType', () => {
    expect(parse(openSlo()).slos[0]?.slo).toEqual({
      service: 'search',
      name: 'api',
      objective: 99.9,
      windowMinutes: 10_080,
      windowLabel: '7d',
      sli: { kind: 'events', errorQuery: Q('errors_total'), totalQuery: Q('requests_total') },
      source: 'slo/x.yml',
    });
    const success = parse(openSlo({ ratio: `{ rawType: success, raw: ${metric('avg_over_time(ok_ratio[{{.window}}])')} }` }));
    expect(success.slos[0]?.slo.sli).toEqual({ kind: 'ratio', errorRatioQuery: '1 - (avg_over_time(ok_ratio[{{.window}}]))' });
    const failure = parse(openSlo({ ratio: `{ rawType: failure, raw: ${metric('avg_over_time(bad_ratio[{{.window}}])')} }` }));
    expect(failure.slos[0]?.slo.sli).toEqual({ kind: 'ratio', errorRatioQuery: 'avg_over_time(bad_ratio[{{.window}}])' });
  });

  it('uses the default window when timeWindow is absent', () => {
    expect(parse(openSlo({ timeWindow: '' }), '14d').slos[0]?.slo).toMatchObject({ windowMinutes: 20_160, windowLabel: '14d' });
  });

  it.each([
    [{ ratio: `{ good: ${metric(Q('ok'))}, bad: ${metric(Q('bad'))}, total: ${metric(Q('all'))} }` }, 'spec.indicator.spec.ratioMetric: give good or bad, not both'],
    [{ ratio: `{ good: ${metric(Q('ok'))} }` }, 'spec.indicator.spec.ratioMetric.total: required with good (the ratio is good / total)'],
    [{ ratio: `{ rawType: maybe, raw: ${metric(Q('r'))} }` }, 'spec.indicator.spec.ratioMetric.rawType: expected success or failure with raw, got "maybe"'],
    [{ ratio: `{ bad: ${metric(Q('e'), 'Datadog')}, total: ${metric(Q('t'))} }` }, 'spec.indicator.spec.ratioMetric.bad.metricSource.type: metric source "Datadog" cannot be queried: Warroom reads Prometheus (type: Prometheus)'],
    [{ ratio: `{ bad: { metricSource: { spec: { promql: x } } }, total: ${metric(Q('t'))} }` }, 'spec.indicator.spec.ratioMetric.bad.metricSource.spec.query: required: the PromQL query (found promql)'],
    [{ spec: '  indicator: { spec: { thresholdMetric: { metricSource: { spec: { query: x } } } } }' }, 'spec.indicator.spec.thresholdMetric: threshold SLIs compare single values to a threshold and have no error budget to burn; Warroom needs ratioMetric (good or bad, and total)'],
    [{ spec: '  indicatorRef: nope' }, 'spec.indicatorRef: no kind: SLI document named "nope" in this file'],
    [{ spec: '  description: none' }, 'spec: expected either indicator (inline SLI) or indicatorRef (the name of an SLI document in this file), exactly one'],
    [{ timeWindow: '  timeWindow: [{ duration: 7d }]' }, 'spec.timeWindow[0].isRolling: calendar windows are not supported: Warroom evaluates rolling windows (set isRolling: true and remove calendar)'],
    [{ timeWindow: '  timeWindow: [{ duration: 7d, isRolling: true }, { duration: 28d, isRolling: true }]' }, 'spec.timeWindow: expected a list with exactly one time window'],
    [{ timeWindow: '  timeWindow: [{ duration: 1Q, isRolling: true }]' }, 'spec.timeWindow[0].duration: "1Q": quarters have no fixed length and Warroom evaluates a rolling window of fixed length; write days, e.g. 90d'],
    [{ budgeting: '  budgetingMethod: RatioTimeslices' }, 'spec.budgetingMethod: RatioTimeslices budgets count good time slices, not events; Warroom computes budgets from event counts (Occurrences)'],
    [{ budgeting: '' }, 'spec.budgetingMethod: required (Occurrences: the ratio of good to total events over the window)'],
    [{ objectives: '[{ target: 0.999, targetPercent: 99.9 }]' }, 'spec.objectives[0]: expected either target (e.g. 0.999) or targetPercent (e.g. 99.9), exactly one'],
    [{ objectives: '[{ target: 99.9 }]' }, 'spec.objectives[0].target: expected a fraction below 1 like 0.999, got 99.9'],
    [{ objectives: '[{ targetPercent: 100 }]' }, 'spec.objectives[0].targetPercent: an objective of 100% leaves no error budget to measure (use e.g. 99.99)'],
    [{ objectives: '[]' }, 'spec.objectives: required (a list with at least one target or targetPercent)'],
    [{ objectives: '[{ target: 0.99, indicatorRef: other }]' }, 'spec.objectives[0]: composite SLOs (an indicator per objective) are not supported: use one SLO document per indicator'],
  ])('rejects %j', (parts, problem) => {
    const result = parse(openSlo(parts));
    expect(result.problems).toEqual([`slo/x.yml: ${problem}`]);
    expect(result.slos).toEqual([]);
  });

  it('names the document in a multi-document file, and the SLI document when a referenced SLI is wrong', () => {
    const yaml = [
      'apiVersion: openslo/v1',
      'kind: SLI',
      'metadata: { name: errors }',
      `spec: { ratioMetric: { bad: ${metric('errors_total')}, total: ${metric(Q('requests_total'))} } }`,
      '---',
      openSlo({ spec: '  indicatorRef: errors' }),
      '---',
      'apiVersion: openslo/v1',
      'kind: Slo',
      'metadata: { name: typo }',
    ].join('\n');
    expect(parse(yaml).problems).toEqual([
      expect.stringMatching(/^slo\/x\.yml: document 1: spec\.ratioMetric\.bad\.metricSource\.spec\.query: has no \{\{\.window\}\} placeholder: .*or, when it is a counter, set ratioMetric\.counter: true/),
      'slo/x.yml: document 3: kind: expected an OpenSLO v1 kind (SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget), got "Slo"',
    ]);
  });
});

describe('Sloth details', () => {
  const sloth = (slo: string): string => `version: prometheus/v1\nservice: checkout\nslos:\n  - ${slo}\n`;

  it.each([
    [`{ name: a, objective: 0.999, sli: { raw: { error_ratio_query: "r[{{.window}}]" } } }`, 'slos[0].objective: 0.999 is a percent in Sloth (0.999%); did you mean 99.9?'],
    [`{ name: a, objective: 100, sli: { raw: { error_ratio_query: "r[{{.window}}]" } } }`, 'slos[0].objective: an objective of 100% leaves no error budget to measure (use e.g. 99.99)'],
    [`{ name: a, objective: 99, sli: { events: { error_query: "e[{{.window}}]" } } }`, 'slos[0].sli.events.total_query: required (a PromQL query with {{.window}})'],
    [`{ name: a, objective: 99, sli: { events: { error_query: "e[{{.window}}]", total_query: "t[{{.window}}]" }, raw: { error_ratio_query: "r" } } }`, 'slos[0].sli: Sloth allows one SLI type, found events and raw'],
    [`{ objective: 99, sli: { raw: { error_ratio_query: "r[{{.window}}]" } } }`, 'slos[0].name: required (an SLO name)'],
    [`{ name: a, objective: 99 }`, 'slos[0].sli: required (events or raw)'],
  ])('rejects %s', (slo, problem) => {
    expect(parse(sloth(slo)).problems).toEqual([`slo/x.yml: ${problem}`]);
  });

  it('rejects a spec without service or SLOs', () => {
    expect(parse('version: prometheus/v1\nslos: []\n').problems).toEqual(['slo/x.yml: service: required (the service the SLOs belong to)', 'slo/x.yml: slos: expected a non-empty list of SLOs']);
  });
});
