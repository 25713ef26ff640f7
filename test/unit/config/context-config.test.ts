import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText, readConfigFile } from '../../../src/config/index.js';

const ERRORS = 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))';
const TOTAL = 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))';
const LATENCY = 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[{{.window}}])))';

const FULL = `
context:
  lookback_hours: 12
  suspect_window_minutes: 45
  rise_multiple: 2.5
  source_timeout_ms: 3000
services:
  - name: checkout
    github_repository: acme/checkout
    context:
      error_query: ${ERRORS}
      total_query: ${TOTAL}
      latency_query: ${LATENCY}
      config_changes: { prometheus_query: null, github_path: deploy/checkout/values.yaml }
  - name: search
  - name: payments
    context:
      config_changes: { prometheus_query: null, github_path: null }
`;

function parse(yaml: string) {
  return parseConfigText(yaml, tmpdir(), 'warroom.yml', { checkKubeconfigs: false });
}

/** `path: message` lines of a file that must not load. */
function problemsOf(yaml: string): string[] {
  const result = parse(yaml);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('context configuration', () => {
  it('maps the file to ContextSettings, with an entry (nulls where absent) for every service', () => {
    const result = parse(FULL);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.settings.context).toEqual({
      lookbackMinutes: 12 * 60,
      suspectWindowMinutes: 45,
      riseMultiple: 2.5,
      sourceTimeoutMs: 3000,
      services: [
        { name: 'checkout', errorQuery: ERRORS, totalQuery: TOTAL, latencyQuery: LATENCY, configChanges: { prometheusQuery: null, githubPath: 'deploy/checkout/values.yaml' } },
        { name: 'search', errorQuery: null, totalQuery: null, latencyQuery: null, configChanges: null },
        // Both config sources null means no config changes at all.
        { name: 'payments', errorQuery: null, totalQuery: null, latencyQuery: null, configChanges: null },
      ],
    });
  });

  it('uses the defaults for an absent or empty section', () => {
    for (const yaml of ['services:\n  - name: checkout\n', 'context:\nservices:\n  - name: checkout\n']) {
      const result = parse(yaml);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(result.settings.context).toEqual({
        lookbackMinutes: 24 * 60,
        suspectWindowMinutes: 30,
        riseMultiple: 3,
        sourceTimeoutMs: 5000,
        services: [{ name: 'checkout', errorQuery: null, totalQuery: null, latencyQuery: null, configChanges: null }],
      });
    }
  });

  it('reports every out-of-range setting with its path and the allowed range', () => {
    const found = problemsOf('context:\n  lookback_hours: 169\n  suspect_window_minutes: 0\n  rise_multiple: 1\n  source_timeout_ms: 50\n  lookback: 3\n');
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^context\.lookback_hours: expected a whole number from 1 to 168, got 169/),
        expect.stringMatching(/^context\.suspect_window_minutes: expected a whole number from 1 to 720, got 0/),
        expect.stringMatching(/^context\.rise_multiple: expected a number above 1, like 3, got 1 /),
        expect.stringMatching(/^context\.source_timeout_ms: expected a whole number from 100 to 60000, got 50/),
        expect.stringMatching(/^context\.lookback: unknown option \(did you mean lookback_hours\?\)/),
      ]),
    );
    expect(found).toHaveLength(5);
    expect(problemsOf('context:\n  lookback_hours: 1.5\n')).toEqual([expect.stringMatching(/^context\.lookback_hours: expected a whole number from 1 to 168, got 1\.5/)]);
  });

  it('requires {{.window}} in the error, total and latency queries, saying why', () => {
    const found = problemsOf(`services:
  - name: checkout
    context:
      error_query: sum(rate(errors[5m]))
      total_query: sum(rate(requests[5m]))
      latency_query: histogram_quantile(0.99, rate(b[5m]))
`);
    expect(found).toEqual(['error_query', 'total_query', 'latency_query'].map((key) => expect.stringMatching(new RegExp(`^services\\[0\\]\\.context\\.${key}: has no \\{\\{\\.window\\}\\} placeholder: .*5m, 1h`))));
  });

  it('wants error and total queries together, and a repository for a GitHub config path, reported with the other problems', () => {
    const found = problemsOf(`services:
  - name: checkout
    context:
      error_query: ${ERRORS}
      latency_query: rate(x[5m])
      config_changes: { github_path: /etc/values.yaml, extra: 1 }
  - name: search
    context:
      total_query: ${TOTAL}
      config_changes: { github_path: deploy/search.yaml }
`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^services\[0\]\.context\.total_query: required with error_query/),
        expect.stringMatching(/^services\[0\]\.context\.latency_query: has no \{\{\.window\}\}/),
        expect.stringMatching(/^services\[0\]\.context\.config_changes\.github_path: expected a path relative to the repository root/),
        expect.stringMatching(/^services\[0\]\.context\.config_changes\.extra: unknown option/),
        expect.stringMatching(/^services\[1\]\.context\.error_query: required with total_query/),
        expect.stringMatching(/^services\[1\]\.context\.config_changes\.github_path: needs the service's github_repository/),
      ]),
    );
    expect(found).toHaveLength(7); // services[0]'s github_path also has no github_repository
  });

  it('documents the section in config/warroom.example.yml, which stays valid', () => {
    const result = readConfigFile(resolve(__dirname, '../../../config/warroom.example.yml'), { checkKubeconfigs: false });
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    expect(result.settings.context).toMatchObject({ lookbackMinutes: 1440, suspectWindowMinutes: 30, riseMultiple: 3, sourceTimeoutMs: 5000 });
    expect(result.settings.context.services.find((s) => s.name === 'checkout')).toMatchObject({ errorQuery: ERRORS, latencyQuery: LATENCY, configChanges: { githubPath: 'deploy/checkout/values.yaml' } });
  });

  describe('loadConfig', () => {
    let cwd: string;
    beforeEach(() => {
      cwd = mkdtempSync(join(tmpdir(), 'warroom-ctx-'));
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));
    const env = { SLACK_BOT_TOKEN: 'xoxb-1-2-secret', SLACK_SIGNING_SECRET: 'signing-secret' };

    it('carries the settings into AppConfig.context, and the defaults without a file', () => {
      expect(loadConfig({ env, cwd }).context).toEqual({ lookbackMinutes: 1440, suspectWindowMinutes: 30, riseMultiple: 3, sourceTimeoutMs: 5000, services: [] });
      writeFileSync(join(cwd, 'warroom.yml'), FULL);
      const config = loadConfig({ env, cwd });
      expect(config.context.lookbackMinutes).toBe(720);
      expect(config.context.services.map((s) => s.name)).toEqual(['checkout', 'search', 'payments']);
    });
  });
});
