import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, redactConfig, type Env } from '../../../src/config/index.js';
import { problems } from './problems.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-secretbot', SLACK_SIGNING_SECRET: 'signing-secret' };
const PD = { PAGERDUTY_TOKEN: 'pd-token-secret', PAGERDUTY_FROM: 'oncall-bot@example.com' };


describe('PagerDuty configuration', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'warroom-pd-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));
  const load = (env: Env, yaml?: string) => {
    if (yaml !== undefined) writeFileSync(join(cwd, 'warroom.yml'), yaml);
    return loadConfig({ env: { ...SLACK, ...env }, cwd });
  };

  it('is off without PAGERDUTY_TOKEN, and reads token, From, EU host and webhook secret with it', () => {
    expect(load({}).pagerDuty).toBeNull();
    expect(load({ ...PD, PAGERDUTY_API_URL: 'https://api.eu.pagerduty.com/', PAGERDUTY_WEBHOOK_SECRET: 'whsec' }).pagerDuty).toEqual({
      token: 'pd-token-secret',
      from: 'oncall-bot@example.com',
      apiUrl: 'https://api.eu.pagerduty.com',
      webhookSecret: 'whsec',
      defaultServiceId: null,
    });
  });

  it('reports a missing From, a non-https API URL and stray variables, each with the fix', () => {
    expect(problems(() => load({ PAGERDUTY_TOKEN: 't' }))).toEqual([expect.stringMatching(/PAGERDUTY_FROM: missing.*From/)]);
    expect(problems(() => load({ ...PD, PAGERDUTY_API_URL: 'http://pagerduty.example.com:8080' }))).toEqual([expect.stringMatching(/PAGERDUTY_API_URL: expected an https URL.*http only for localhost/)]);
    expect(problems(() => load({ PAGERDUTY_WEBHOOK_SECRET: 'x' }))).toEqual([expect.stringMatching(/PAGERDUTY_WEBHOOK_SECRET: is set but PAGERDUTY_TOKEN is not/)]);
  });

  it('maps each service to its PagerDuty service and escalation policy, and the trigger settings', () => {
    const config = load(PD, [
      'pagerduty:',
      '  default_service_id: PDEFAULT1',
      '  auto_declare_high_urgency: true',
      '  declared_severity: sev1',
      'services:',
      '  - name: checkout',
      '    pagerduty: { service_id: PCHECKOUT, escalation_policy_id: PESCPOL1 }',
      '  - name: search',
    ].join('\n'));
    expect(config.incident.services.map((s) => [s.name, s.pagerDuty])).toEqual([
      ['checkout', { serviceId: 'PCHECKOUT', escalationPolicyId: 'PESCPOL1' }],
      ['search', null],
    ]);
    expect(config.incident.onCallTriggers).toEqual({ autoDeclareHighUrgency: true, severity: 'SEV1' });
    expect(config.pagerDuty?.defaultServiceId).toBe('PDEFAULT1');
  });

  it('rejects malformed PagerDuty ids and an unknown declared severity, with their paths', () => {
    const found = problems(() => load(PD, ['pagerduty:', '  declared_severity: SEV9', 'services:', '  - name: checkout', '    pagerduty: { service_id: checkout-svc }'].join('\n')));
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/services\[0\]\.pagerduty\.service_id: expected a PagerDuty service id/), expect.stringMatching(/pagerduty\.declared_severity: "SEV9" is not one of the severities/)]));
  });

  it('accepts plain http only for a stand-in on this machine (the playground)', () => {
    expect(load({ ...PD, PAGERDUTY_API_URL: 'http://127.0.0.1:4010/' }).pagerDuty?.apiUrl).toBe('http://127.0.0.1:4010');
    expect(load({ ...PD, PAGERDUTY_API_URL: 'http://localhost:4010' }).pagerDuty?.apiUrl).toBe('http://localhost:4010');
    expect(problems(() => load({ ...PD, PAGERDUTY_API_URL: 'http://10.0.0.5:4010' }))).toEqual([expect.stringMatching(/PAGERDUTY_API_URL: expected an https URL/)]);
    expect(problems(() => load({ ...PD, PAGERDUTY_API_URL: 'http://127.0.0.1:4010/api' }))).toEqual([expect.stringMatching(/PAGERDUTY_API_URL: expected an https URL/)]);
  });

  it('never shows the token or the webhook secret when the config is logged', () => {
    const shown = JSON.stringify(redactConfig(load({ ...PD, PAGERDUTY_WEBHOOK_SECRET: 'whsec-very-secret' })));
    expect(shown).not.toContain('pd-token-secret');
    expect(shown).not.toContain('whsec-very-secret');
  });
});
