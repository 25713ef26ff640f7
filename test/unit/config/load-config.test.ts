import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SEVERITIES, formatProblems, loadConfig, redactConfig } from '../../../src/config/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/config');
const BOT = 'xoxb-1111-2222-secretbot';
const APP = 'xapp-1-A111-secretapp';
const SIGNING = 'signing-secret-value';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'warroom-config-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('runs on built-in defaults with a warning when ./warroom.yml does not exist', () => {
    const config = loadConfig({ env: { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING }, cwd });
    expect(config.configPath).toBeNull();
    expect(config.incident.severities).toEqual(DEFAULT_SEVERITIES);
    expect(config.incident).toMatchObject({ defaultSeverity: 'SEV3', commanderRole: 'commander', channelNamePattern: 'inc-{date}-{slug}', timeZone: 'UTC', keyEventReactions: ['pushpin'], snoozeMinutes: 15, declareDedupeMinutes: 15 });
    expect(config.warnings).toEqual([expect.stringContaining(`no config file at ${join(cwd, 'warroom.yml')}: using built-in defaults`)]);
    expect(config).toMatchObject({
      slack: { botToken: BOT, appToken: null, signingSecret: SIGNING, apiUrl: null, mode: 'http' },
      port: 3000,
      databaseUrl: undefined,
      logLevel: 'info',
      templatesDir: null,
      jobs: { pollIntervalMs: 1000, leaseMs: 60_000 },
    });
    expect(config.instanceId).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('reads ./warroom.yml from the working directory when it exists', () => {
    writeFileSync(join(cwd, 'warroom.yml'), 'time_zone: Europe/Berlin\nslack: { announce_channel: C0ANNOUNCE }\n');
    const config = loadConfig({ env: { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING }, cwd });
    expect(config.configPath).toBe(join(cwd, 'warroom.yml'));
    expect(config.incident.timeZone).toBe('Europe/Berlin');
    expect(config.incident.announceChannel).toBe('C0ANNOUNCE');
    expect(config.warnings).toEqual([]);
  });

  it('uses WARROOM_CONFIG, and an explicit configPath over it', () => {
    const viaEnv = loadConfig({ env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, WARROOM_CONFIG: join(fixtures, 'valid.yml') }, cwd });
    expect(viaEnv.configPath).toBe(join(fixtures, 'valid.yml'));
    expect(viaEnv.templatesDir).toBe(join(fixtures, 'templates'));
    expect(viaEnv.jobs).toEqual({ pollIntervalMs: 500, leaseMs: 30_000 });
    const explicit = loadConfig({ env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, WARROOM_CONFIG: join(fixtures, 'valid.yml') }, configPath: join(fixtures, 'empty.yml'), cwd });
    expect(explicit.configPath).toBe(join(fixtures, 'empty.yml'));
  });

  it('fails when WARROOM_CONFIG names a file that does not exist', () => {
    const err = configError(() => loadConfig({ env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, WARROOM_CONFIG: 'missing.yml' }, cwd }));
    expect(err.problems).toEqual([expect.stringMatching(new RegExp(`^env WARROOM_CONFIG: file not found: ${join(cwd, 'missing.yml')}`))]);
  });

  it('picks Socket Mode when SLACK_APP_TOKEN is set (no signing secret needed) and normalises SLACK_API_URL', () => {
    const config = loadConfig({ env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: 'http://127.0.0.1:9000/api', PORT: '0', LOG_LEVEL: 'DEBUG', DATABASE_URL: 'sqlite:/tmp/w.db', WARROOM_INSTANCE_ID: 'pod-7' }, cwd });
    expect(config.slack).toEqual({ botToken: BOT, appToken: APP, signingSecret: null, apiUrl: 'http://127.0.0.1:9000/api/', mode: 'socket' });
    expect(config).toMatchObject({ port: 0, logLevel: 'debug', databaseUrl: 'sqlite:/tmp/w.db', instanceId: 'pod-7' });
  });

  it('accepts postgres:// and postgresql:// database URLs', () => {
    for (const url of ['postgres://u:p@db/warroom', 'postgresql://db:5432/warroom']) {
      expect(loadConfig({ env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, DATABASE_URL: url }, cwd }).databaseUrl).toBe(url);
    }
  });

  it('lists every missing secret with where to find it, in one error', () => {
    const err = configError(() => loadConfig({ env: {}, cwd }));
    expect(err.problems).toEqual([
      'env SLACK_BOT_TOKEN: missing — create a Slack app from manifest.yml, install it, and copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
      expect.stringMatching(/^env SLACK_SIGNING_SECRET: missing — HTTP mode .*Basic Information → App Credentials.*SLACK_APP_TOKEN/),
    ]);
    expect(err.message.split('\n')).toEqual([
      'Warroom cannot start: 2 configuration problems (environment):',
      `  - ${err.problems[0]}`,
      `  - ${err.problems[1]}`,
    ]);
  });

  it('treats empty variables as unset', () => {
    const err = configError(() => loadConfig({ env: { SLACK_BOT_TOKEN: '  ', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: SIGNING }, cwd }));
    expect(err.problems).toEqual([expect.stringMatching(/^env SLACK_BOT_TOKEN: missing/)]);
  });

  it('reports env and file problems together, and never prints a secret', () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxp-9999-user-token-secret',
      SLACK_APP_TOKEN: 'app-token-secret',
      SLACK_API_URL: 'not a url',
      PORT: '70000',
      DATABASE_URL: 'mysql://root:hunter2@db/warroom',
      LOG_LEVEL: 'loud',
    };
    const err = configError(() => loadConfig({ env, configPath: join(fixtures, 'invalid.yml'), cwd }));
    expect(err.problems.slice(0, 6)).toEqual([
      expect.stringMatching(/^env SLACK_BOT_TOKEN: expected a bot token starting with xoxb-, got one starting with xoxp-/),
      expect.stringMatching(/^env SLACK_APP_TOKEN: expected an app-level token starting with xapp-, got one starting with app- — .*App-Level Tokens/),
      expect.stringMatching(/^env SLACK_API_URL: expected an http\(s\) URL/),
      'env PORT: expected a port number from 0 to 65535, got "70000"',
      'env LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      expect.stringMatching(/^env DATABASE_URL: expected sqlite:PATH, postgres:\/\/… or postgresql:\/\/…/),
    ]);
    expect(err.problems).toContain('incidents.sevrities: unknown option (did you mean severities?)');
    expect(err.message).toContain(`environment and ${join(fixtures, 'invalid.yml')}`);
    for (const secret of ['user-token-secret', 'app-token-secret', 'hunter2']) expect(err.message).not.toContain(secret);
  });

  it('points at SLACK_APP_TOKEN when the app token is put in SLACK_BOT_TOKEN', () => {
    const err = configError(() => loadConfig({ env: { SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: APP }, cwd }));
    expect(err.problems).toEqual([expect.stringMatching(/^env SLACK_BOT_TOKEN: this is an app-level token \(xapp-…\): put it in SLACK_APP_TOKEN/)]);
  });
});

describe('redactConfig', () => {
  it('keeps what helps debugging and drops every secret', () => {
    const config = loadConfig({
      env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SIGNING, DATABASE_URL: 'postgres://warroom:hunter2@db:5432/warroom' },
      configPath: join(fixtures, 'valid.yml'),
    });
    const redacted = redactConfig(config);
    const json = JSON.stringify(redacted);
    for (const secret of [BOT, APP, SIGNING, 'hunter2']) expect(json).not.toContain(secret);
    expect(redacted).toMatchObject({
      slack: { botToken: '[redacted]', appToken: '[redacted]', signingSecret: '[redacted]', mode: 'socket' },
      databaseUrl: 'postgres://warroom:***@db:5432/warroom',
      incident: { severities: ['P1', 'P2'], services: ['checkout', 'search'], timeZone: 'Europe/Berlin' },
    });
  });
});

describe('formatProblems', () => {
  it('prints a count and one problem per line', () => {
    expect(formatProblems(['a: x', 'b: y'], 'warroom.yml')).toBe('2 configuration problems (warroom.yml):\n  - a: x\n  - b: y');
    expect(formatProblems(['a: x'])).toBe('1 configuration problem:\n  - a: x');
  });
});
