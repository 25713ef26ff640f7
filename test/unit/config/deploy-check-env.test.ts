import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, redactConfig, type Env } from '../../../src/config/index.js';
import { problems } from './problems.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/config');
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-secretbot', SLACK_SIGNING_SECRET: 'signing-secret' };


describe('PROMETHEUS_* environment', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'warroom-prom-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));
  const load = (env: Env) => loadConfig({ env: { ...SLACK, ...env }, cwd });

  it('is null when PROMETHEUS_URL is unset, and the default timeout is 10 s', () => {
    expect(load({}).prometheus).toBeNull();
    expect(load({ PROMETHEUS_URL: 'http://prometheus:9090' }).prometheus).toEqual({ url: 'http://prometheus:9090/', bearerToken: null, basicAuth: null, timeoutMs: 10_000 });
  });

  it('reads bearer or basic auth and the timeout, and keeps a path prefix (without /api/v1)', () => {
    expect(load({ PROMETHEUS_URL: 'https://obs.example.com/prometheus', PROMETHEUS_BEARER_TOKEN: 'tok-123', PROMETHEUS_TIMEOUT_MS: '2500' }).prometheus).toEqual({
      url: 'https://obs.example.com/prometheus/',
      bearerToken: 'tok-123',
      basicAuth: null,
      timeoutMs: 2500,
    });
    expect(load({ PROMETHEUS_URL: 'http://127.0.0.1:9090/api/v1/', PROMETHEUS_USERNAME: 'ci', PROMETHEUS_PASSWORD: 'pw' }).prometheus).toEqual({
      url: 'http://127.0.0.1:9090/',
      bearerToken: null,
      basicAuth: { username: 'ci', password: 'pw' },
      timeoutMs: 10_000,
    });
  });

  it('reports every bad variable, without echoing secrets', () => {
    const found = problems(() =>
      load({ PROMETHEUS_URL: 'ftp://prom', PROMETHEUS_USERNAME: 'ci', PROMETHEUS_BEARER_TOKEN: 'tok-secret', PROMETHEUS_TIMEOUT_MS: '10s' }),
    );
    expect(found).toEqual([
      'env PROMETHEUS_URL: expected an http(s) URL such as http://prometheus:9090, got a ftp: URL',
      'env PROMETHEUS_PASSWORD: missing — basic auth needs both PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD (or neither)',
      'env PROMETHEUS_BEARER_TOKEN: set together with basic auth (PROMETHEUS_USERNAME/PASSWORD): choose one way to authenticate',
      'env PROMETHEUS_TIMEOUT_MS: expected milliseconds from 100 to 300000 (default 10000), got "10s"',
    ]);
    expect(problems(() => load({ PROMETHEUS_URL: 'http://admin:hunter2@prom:9090' }))).toEqual([
      'env PROMETHEUS_URL: contains credentials: put them in PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD (or PROMETHEUS_BEARER_TOKEN) instead',
    ]);
    expect(problems(() => load({ PROMETHEUS_URL: 'prometheus:9090x' }))[0]).toMatch(/^env PROMETHEUS_URL: expected an http\(s\) URL/);
    expect(problems(() => load({ PROMETHEUS_PASSWORD: 'pw' }))).toEqual([expect.stringMatching(/^env PROMETHEUS_PASSWORD: is set but PROMETHEUS_URL is not/)]);
  });

  it('redactConfig hides the bearer token and the password', () => {
    const bearer = redactConfig(load({ PROMETHEUS_URL: 'http://prom:9090', PROMETHEUS_BEARER_TOKEN: 'tok-secret' }));
    expect(bearer.prometheus).toEqual({ url: 'http://prom:9090/', bearerToken: '[redacted]', basicAuth: null, timeoutMs: 10_000 });
    const basic = redactConfig(load({ PROMETHEUS_URL: 'http://prom:9090', PROMETHEUS_USERNAME: 'ci', PROMETHEUS_PASSWORD: 'hunter2' }));
    expect(basic.prometheus).toMatchObject({ bearerToken: null, basicAuth: { username: 'ci', password: '[redacted]' } });
    expect(JSON.stringify(basic)).not.toContain('hunter2');
  });
});

describe('loadConfig purpose', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'warroom-purpose-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it("'deploy-check' runs without any Slack variable, with SLOs from the file", () => {
    const config = loadConfig({ env: { PROMETHEUS_URL: 'http://prom:9090' }, configPath: join(fixtures, 'release.yml'), cwd, purpose: 'deploy-check' });
    expect(config.slack).toBeNull();
    expect(config.prometheus?.url).toBe('http://prom:9090/');
    expect(config.releaseServices.map((s) => [s.service, s.slos.length])).toEqual([
      ['checkout', 4],
      ['search', 3],
      ['billing', 0],
    ]);
    expect(config.release.unknownCountsAs).toBe('BLOCKED');
    expect(redactConfig(config).slack).toBeNull();
  });

  it("'deploy-check' uses Slack when a bot token is set (no signing secret needed), and still checks its shape", () => {
    const config = loadConfig({ env: { SLACK_BOT_TOKEN: 'xoxb-1-2-secret' }, cwd, purpose: 'deploy-check' });
    expect(config.slack).toEqual({ botToken: 'xoxb-1-2-secret', appToken: null, signingSecret: null, apiUrl: null, mode: 'http' });
    expect(problems(() => loadConfig({ env: { SLACK_BOT_TOKEN: 'xoxp-user' }, cwd, purpose: 'deploy-check' }))).toEqual([expect.stringMatching(/^env SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/)]);
  });

  it("'deploy-check' still reports every config-file problem", () => {
    writeFileSync(join(cwd, 'warroom.yml'), 'deploy: { unknown_counts_as: maybe }\nservices: [{ name: search }]\nslo_files: [slo.yml]\n');
    writeFileSync(join(cwd, 'slo.yml'), 'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }\nspec: { service: serch }\n');
    const found = problems(() => loadConfig({ env: {}, cwd, purpose: 'deploy-check' }));
    expect(found).toContain('deploy.unknown_counts_as: expected one of REVIEW, BLOCKED, got "MAYBE"');
    expect(found).toContain('slo.yml: spec.budgetingMethod: required (Occurrences: the ratio of good to total events over the window)');
    expect(found).toContain('slo.yml: spec.service: "serch" is not a configured service (services: has search); did you mean search?');
    expect(found.some((p) => p.startsWith('env SLACK'))).toBe(false);
  });

  it("'bot' (the default) still requires the Slack variables", () => {
    for (const purpose of ['bot', undefined] as const) {
      expect(problems(() => loadConfig({ env: { PROMETHEUS_URL: 'http://prom:9090' }, cwd, purpose }))).toEqual([
        expect.stringMatching(/^env SLACK_BOT_TOKEN: missing/),
        expect.stringMatching(/^env SLACK_SIGNING_SECRET: missing/),
      ]);
    }
  });

  it('gives release defaults when there is no config file', () => {
    const config = loadConfig({ env: SLACK, cwd });
    expect(config.releaseServices).toEqual([]);
    expect(config.release).toMatchObject({ minEvents: 1000, unknownCountsAs: 'REVIEW', queryConcurrency: 8, timeOfWeek: { timeZone: 'UTC', lowRiskDays: [1, 2, 3, 4] } });
  });
});
