/** Secrets and process settings from the environment, each problem with where to find the right value. */
import { hostname } from 'node:os';
import type { Problem } from './problems.js';

export type Env = Record<string, string | undefined>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface SlackSettings {
  botToken: string;
  appToken: string | null;
  signingSecret: string | null;
  apiUrl: string | null;
  mode: 'socket' | 'http';
}

/** What the process is for: the bot needs Slack; `warroom deploy-check` in CI runs without it. */
export type ConfigPurpose = 'bot' | 'deploy-check';

export interface EnvSettings {
  /** null only for the deploy-check purpose when SLACK_BOT_TOKEN is not set. */
  slack: SlackSettings | null;
  port: number;
  databaseUrl: string | undefined;
  logLevel: LogLevel;
  instanceId: string;
  /** WARROOM_CONFIG as given, or null when unset. */
  configFile: string | null;
}

const BOT_TOKEN_HINT = 'create a Slack app from manifest.yml, install it, and copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions';
const APP_TOKEN_HINT =
  'create an app-level token with the connections:write scope under Basic Information → App-Level Tokens (or unset SLACK_APP_TOKEN to use HTTP mode)';

/** Empty strings count as unset: `FOO= npm start` should not mean "FOO is the empty string". */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** The part before the first dash, never more: problems are printed and must not leak a secret. */
const prefixOf = (token: string): string => (/^[a-z]{3,5}-/.test(token) ? `one starting with ${token.split('-')[0] ?? ''}-` : 'something else');

function checkBotToken(token: string | undefined, problems: Problem[]): void {
  const path = 'env SLACK_BOT_TOKEN';
  if (!token) problems.push({ path, message: `missing — ${BOT_TOKEN_HINT}` });
  else if (token.startsWith('xapp-')) problems.push({ path, message: 'this is an app-level token (xapp-…): put it in SLACK_APP_TOKEN, and copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions here' });
  else if (!token.startsWith('xoxb-')) problems.push({ path, message: `expected a bot token starting with xoxb-, got ${prefixOf(token)} — ${BOT_TOKEN_HINT}` });
}

function checkUrl(value: string, problems: Problem[]): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    problems.push({ path: 'env SLACK_API_URL', message: 'expected an http(s) URL such as https://slack.com/api/ (unset it to use Slack itself)' });
    return null;
  }
}

function checkDatabaseUrl(value: string | undefined, problems: Problem[]): string | undefined {
  if (value === undefined) return undefined;
  if (/^sqlite:.+/.test(value) || /^postgres(ql)?:\/\/.+/.test(value)) return value;
  // The value may hold a password: describe it, never echo it.
  problems.push({ path: 'env DATABASE_URL', message: 'expected sqlite:PATH, postgres://… or postgresql://… (unset it for the SQLite default ./data/warroom.db)' });
  return undefined;
}

function readSlack(env: Env, problems: Problem[], purpose: ConfigPurpose): SlackSettings | null {
  const botToken = read(env, 'SLACK_BOT_TOKEN');
  // In CI the check runs without Slack; Slack variables that are set are still checked (an override may announce).
  if (purpose === 'deploy-check' && !botToken) return null;
  checkBotToken(botToken, problems);
  const appToken = read(env, 'SLACK_APP_TOKEN') ?? null;
  if (appToken && !appToken.startsWith('xapp-')) {
    problems.push({ path: 'env SLACK_APP_TOKEN', message: `expected an app-level token starting with xapp-, got ${prefixOf(appToken)} — ${APP_TOKEN_HINT}` });
  }
  const mode = appToken ? 'socket' : 'http';
  const signingSecret = read(env, 'SLACK_SIGNING_SECRET') ?? null;
  // Only the bot receives Slack requests; the CLI never verifies a signature.
  if (mode === 'http' && !signingSecret && purpose === 'bot') {
    problems.push({
      path: 'env SLACK_SIGNING_SECRET',
      message:
        'missing — HTTP mode (SLACK_APP_TOKEN is not set) verifies requests with the Signing Secret from Basic Information → App Credentials; or set SLACK_APP_TOKEN (xapp-…) to use Socket Mode instead',
    });
  }
  const rawApiUrl = read(env, 'SLACK_API_URL');
  const apiUrl = rawApiUrl ? checkUrl(rawApiUrl, problems) : null;
  return { botToken: botToken ?? '', appToken, signingSecret, apiUrl, mode };
}

export function readEnv(env: Env, problems: Problem[], purpose: ConfigPurpose = 'bot'): EnvSettings {
  const slack = readSlack(env, problems, purpose);

  const rawPort = read(env, 'PORT') ?? '3000';
  const port = /^\d+$/.test(rawPort) ? Number(rawPort) : NaN;
  if (!(port >= 0 && port <= 65535)) problems.push({ path: 'env PORT', message: `expected a port number from 0 to 65535, got "${rawPort}"` });

  const rawLevel = (read(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel = (LOG_LEVELS as readonly string[]).includes(rawLevel) ? (rawLevel as LogLevel) : 'info';
  if (logLevel !== rawLevel) problems.push({ path: 'env LOG_LEVEL', message: `expected one of ${LOG_LEVELS.join(', ')}, got "${rawLevel}"` });

  return {
    slack,
    port,
    databaseUrl: checkDatabaseUrl(read(env, 'DATABASE_URL'), problems),
    logLevel,
    instanceId: read(env, 'WARROOM_INSTANCE_ID') ?? `${hostname()}-${process.pid}`,
    configFile: read(env, 'WARROOM_CONFIG') ?? null,
  };
}
