import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, readConfigFile, redactConfig, type Env } from '../../../src/config/index.js';
import { problems } from './problems.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-secretbot', SLACK_SIGNING_SECRET: 'signing-secret' };
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAsecretkeymaterial\n-----END RSA PRIVATE KEY-----';
const APP = { GITHUB_APP_ID: '123456', GITHUB_APP_PRIVATE_KEY: PEM, GITHUB_APP_INSTALLATION_ID: '7890' };

describe('GitHub, postmortem and review configuration', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'warroom-gh-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));
  const load = (env: Env, yaml?: string) => {
    if (yaml !== undefined) writeFileSync(join(cwd, 'warroom.yml'), yaml);
    return loadConfig({ env: { ...SLACK, ...env }, cwd });
  };

  describe('environment', () => {
    it('is off without credentials, and reads a token with a GitHub Enterprise URL and webhook secret', () => {
      expect(load({}).github).toBeNull();
      expect(load({ GITHUB_TOKEN: 'ghp_secret', GITHUB_API_URL: 'https://ghe.example.com/api/v3/', GITHUB_WEBHOOK_SECRET: 'whsec' }).github).toEqual({
        auth: { token: 'ghp_secret' },
        apiUrl: 'https://ghe.example.com/api/v3',
        webhookSecret: 'whsec',
      });
    });

    it('reads a GitHub App with the key inline (escaped newlines too) or from a file', () => {
      expect(load(APP).github).toEqual({ auth: { appId: 123456, privateKey: PEM, installationId: 7890 }, apiUrl: null, webhookSecret: null });
      expect(load({ ...APP, GITHUB_APP_PRIVATE_KEY: PEM.replace(/\n/g, '\\n') }).github?.auth).toEqual({ appId: 123456, privateKey: PEM, installationId: 7890 });
      writeFileSync(join(cwd, 'app.pem'), `${PEM}\n`);
      const fromFile = load({ GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY_FILE: 'app.pem', GITHUB_APP_INSTALLATION_ID: '2' });
      expect(fromFile.github?.auth).toEqual({ appId: 1, privateKey: PEM, installationId: 2 });
    });

    it('reports token and app together, an incomplete app, a bad key and a bad URL, each with the fix', () => {
      expect(problems(() => load({ GITHUB_TOKEN: 't', GITHUB_APP_ID: '1' }))).toEqual([expect.stringMatching(/^env GITHUB_TOKEN: set together with GITHUB_APP_ID.*not both/)]);
      expect(problems(() => load({ GITHUB_APP_ID: 'abc' }))).toEqual([
        expect.stringMatching(/^env GITHUB_APP_ID: expected a number, got "abc" — the GitHub App/),
        expect.stringMatching(/^env GITHUB_APP_PRIVATE_KEY: missing — set GITHUB_APP_PRIVATE_KEY to the PEM text, or GITHUB_APP_PRIVATE_KEY_FILE/),
        expect.stringMatching(/^env GITHUB_APP_INSTALLATION_ID: missing/),
      ]);
      const badKey = problems(() => load({ ...APP, GITHUB_APP_PRIVATE_KEY: 'not-a-key-secretvalue' }));
      expect(badKey).toEqual([expect.stringMatching(/^env GITHUB_APP_PRIVATE_KEY: expected a PEM private key/)]);
      expect(badKey.join()).not.toContain('secretvalue');
      expect(problems(() => load({ GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY_FILE: 'missing.pem', GITHUB_APP_INSTALLATION_ID: '2' }))).toEqual([
        expect.stringContaining(`env GITHUB_APP_PRIVATE_KEY_FILE: ${resolve(cwd, 'missing.pem')}: file not found`),
      ]);
      expect(problems(() => load({ GITHUB_TOKEN: 't', GITHUB_API_URL: 'http://ghe.example.com/api/v3' }))).toEqual([
        expect.stringMatching(/^env GITHUB_API_URL: expected an https URL.*https:\/\/ghe\.example\.com\/api\/v3/),
      ]);
      // A local fake or proxy may speak http.
      expect(load({ GITHUB_TOKEN: 't', GITHUB_API_URL: 'http://127.0.0.1:8080' }).github?.apiUrl).toBe('http://127.0.0.1:8080');
    });

    it('reports API URL and webhook secret set without credentials', () => {
      expect(problems(() => load({ GITHUB_API_URL: 'https://ghe.example.com/api/v3', GITHUB_WEBHOOK_SECRET: 'x' }))).toEqual([
        expect.stringMatching(/^env GITHUB_API_URL: is set but GitHub is not: set GITHUB_TOKEN/),
        expect.stringMatching(/^env GITHUB_WEBHOOK_SECRET: is set but GitHub is not/),
      ]);
    });

    it('never shows the token, the private key or the webhook secret when the config is logged', () => {
      const token = JSON.stringify(redactConfig(load({ GITHUB_TOKEN: 'ghp_very_secret', GITHUB_WEBHOOK_SECRET: 'whsec-very-secret' })));
      expect(token).not.toContain('ghp_very_secret');
      expect(token).not.toContain('whsec-very-secret');
      const app = JSON.stringify(redactConfig(load(APP)));
      expect(app).not.toContain('secretkeymaterial');
      expect(app).toContain('"appId":123456');
    });
  });

  describe('warroom.yml', () => {
    const FULL = [
      'time_zone: Europe/Berlin',
      'github:',
      '  central_repository: acme/incidents',
      '  users: { U0123456789: octocat, W0ABCDEF12: mona-lisa }',
      'postmortem:',
      '  due_days: { P0: 7, P1: 21, P2: 42 }',
      'review:',
      '  cron: "30 8 * * 2"',
      '  channel: C0123456789',
      '  target_completion_percent: 80',
      'services:',
      '  - name: checkout',
      '    github_repository: acme/checkout',
      '  - name: search',
    ].join('\n');

    it('maps github, postmortem, review and service repositories to the settings', () => {
      const config = load({}, FULL);
      expect(config.postmortem).toEqual({
        centralRepository: 'acme/incidents',
        serviceRepositories: { checkout: 'acme/checkout' },
        githubUsers: { U0123456789: 'octocat', W0ABCDEF12: 'mona-lisa' },
        dueDays: { P0: 7, P1: 21, P2: 42 },
      });
      expect(config.followup).toEqual({ reviewCron: '30 8 * * 2', timeZone: 'Europe/Berlin', reliabilityChannel: 'C0123456789', targetCompletionPercent: 80 });
    });

    it('uses the defaults when the sections are absent or empty', () => {
      const expected = {
        postmortem: { centralRepository: null, serviceRepositories: {}, githubUsers: {}, dueDays: { P0: 14, P1: 28, P2: 56 } },
        followup: { reviewCron: '0 9 * * 1', timeZone: 'America/New_York', reliabilityChannel: null, targetCompletionPercent: 90 },
      };
      expect(load({}, 'time_zone: America/New_York')).toMatchObject(expected);
      expect(load({}, 'time_zone: America/New_York\ngithub:\npostmortem:\n  due_days:\nreview:')).toMatchObject(expected);
      expect(load({}, 'postmortem: { due_days: { P1: 30 } }').postmortem.dueDays).toEqual({ P0: 14, P1: 30, P2: 56 });
      rmSync(join(cwd, 'warroom.yml'));
      const noFile = load({});
      expect(noFile.followup).toEqual({ ...expected.followup, timeZone: 'UTC' });
      expect(noFile.postmortem).toEqual(expected.postmortem);
    });

    it('reports every malformed value with its path', () => {
      const found = problems(() =>
        load(
          {},
          [
            'github:',
            '  central_repository: https://github.com/acme/incidents',
            '  users: { octocat: U0123456789, U0123456789: "@octocat" }',
            'postmortem:',
            '  due_days: { P0: 0, P1: 2.5, P3: 10 }',
            'review:',
            '  cron: "every monday"',
            '  channel: "#reliability"',
            '  target_completion_percent: 101',
            'services:',
            '  - name: checkout',
            '    github_repository: checkout',
          ].join('\n'),
        ),
      );
      expect(found).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^github\.central_repository: expected owner\/name of a GitHub repository/),
          expect.stringMatching(/^github\.users\.octocat: expected a Slack user ID like U0123456789 as the key/),
          expect.stringMatching(/^github\.users\.U0123456789: expected a GitHub login like octocat \(without @\), got "@octocat"/),
          expect.stringMatching(/^postmortem\.due_days\.P0: expected a positive integer, got 0/),
          expect.stringMatching(/^postmortem\.due_days\.P1: expected a positive integer, got 2\.5/),
          expect.stringMatching(/^postmortem\.due_days\.P3: unknown option/),
          expect.stringMatching(/^review\.cron: expected a cron expression .*"every monday"/),
          expect.stringMatching(/^review\.channel: expected a Slack channel ID/),
          expect.stringMatching(/^review\.target_completion_percent: expected a whole percentage from 1 to 100, got 101/),
          expect.stringMatching(/^services\[0\]\.github_repository: expected owner\/name/),
        ]),
      );
      expect(found).toHaveLength(10);
    });

    it('warns at start-up when GitHub is configured but some postmortems would have nowhere to go', () => {
      const yaml = 'services:\n  - name: checkout\n    github_repository: acme/checkout\n  - name: search';
      expect(load({ GITHUB_TOKEN: 't' }, yaml).warnings).toEqual(expect.arrayContaining([expect.stringMatching(/github\.central_repository is not set.*of search/)]));
      expect(load({}, yaml).warnings.join()).not.toContain('central_repository');
      expect(load({ GITHUB_TOKEN: 't' }, FULL).warnings.join()).not.toContain('central_repository');
    });

    it('documents every option in config/warroom.example.yml, which stays valid', () => {
      const result = readConfigFile(resolve(__dirname, '../../../config/warroom.example.yml'), { checkKubeconfigs: false });
      if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
      expect(result.settings.postmortem.dueDays).toEqual({ P0: 14, P1: 28, P2: 56 });
      expect(result.settings.postmortem.serviceRepositories).toMatchObject({ checkout: expect.stringMatching(/^[^/]+\/[^/]+$/) });
      expect(result.settings.followup.reviewCron).toBe('0 9 * * 1');
    });
  });
});
