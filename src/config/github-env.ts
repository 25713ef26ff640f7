/** GITHUB_* from the environment: a token or a GitHub App, the API base URL (GitHub Enterprise), the webhook secret. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Env } from './env.js';
import type { Problem } from './problems.js';

/** Same shape as the GitHub client's auth option (integrations/github/client.ts). */
export type GitHubAuth = { token: string } | { appId: number; privateKey: string; installationId: number };

export interface GitHubSettings {
  auth: GitHubAuth;
  /** API base URL without a trailing slash (`https://ghe.example.com/api/v3`); null means api.github.com. */
  apiUrl: string | null;
  /** Verifies X-Hub-Signature-256 on /webhooks/github; null disables the webhook route. */
  webhookSecret: string | null;
}

const APP_NAMES = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY_FILE', 'GITHUB_APP_INSTALLATION_ID'] as const;
const TOKEN_HINT = 'a fine-grained token with Issues read and write on the repositories (Settings → Developer settings → Personal access tokens)';
const APP_HINT = 'the GitHub App needs Issues read and write; its page shows the App ID, generate a private key there, and the installation id is the number at the end of the installation\'s settings URL';
const read = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;
/** http is only for a fake or proxy on this machine: the token must never cross a network in clear text. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function apiUrl(value: string | undefined, problems: Problem[]): string | null {
  if (value === undefined) return null;
  try {
    const url = new URL(value);
    const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
    if (secure && !url.username && !url.password && !url.search && !url.hash) return url.href.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push({
    path: 'env GITHUB_API_URL',
    message: 'expected an https URL of the REST API without credentials: https://ghe.example.com/api/v3 for GitHub Enterprise Server (unset it for github.com)',
  });
  return null;
}

/** PEM text (real newlines, or `\n` escapes as many secret stores write them) or a file holding it. */
function privateKey(env: Env, cwd: string, problems: Problem[]): string | null {
  const inline = read(env, 'GITHUB_APP_PRIVATE_KEY');
  const file = read(env, 'GITHUB_APP_PRIVATE_KEY_FILE');
  if (inline && file) {
    problems.push({ path: 'env GITHUB_APP_PRIVATE_KEY_FILE', message: 'set together with GITHUB_APP_PRIVATE_KEY: give the key one way (unset one of them)' });
    return null;
  }
  let pem: string;
  let path = 'env GITHUB_APP_PRIVATE_KEY';
  if (file) {
    path = 'env GITHUB_APP_PRIVATE_KEY_FILE';
    const absolute = resolve(cwd, file);
    try {
      pem = readFileSync(absolute, 'utf8').trim();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push({ path, message: `${absolute}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'unknown error'})`} — download the App's private key (.pem) and point this at it` });
      return null;
    }
  } else if (inline) {
    pem = inline.replace(/\\n/g, '\n');
  } else {
    problems.push({ path: 'env GITHUB_APP_PRIVATE_KEY', message: `missing — set GITHUB_APP_PRIVATE_KEY to the PEM text, or GITHUB_APP_PRIVATE_KEY_FILE to the .pem file (${APP_HINT})` });
    return null;
  }
  // Never echo the value: it is the key.
  if (!/^-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----$/.test(pem)) {
    problems.push({ path, message: 'expected a PEM private key (-----BEGIN RSA PRIVATE KEY----- … -----END RSA PRIVATE KEY-----), as downloaded from the GitHub App\'s page' });
    return null;
  }
  return pem;
}

function numericId(env: Env, name: string, problems: Problem[]): number | null {
  const value = read(env, name);
  if (value && /^[1-9]\d{0,14}$/.test(value)) return Number(value);
  problems.push({ path: `env ${name}`, message: `${value ? `expected a number, got "${value}"` : 'missing'} — ${APP_HINT}` });
  return null;
}

function readApp(env: Env, cwd: string, problems: Problem[]): GitHubAuth | null {
  const before = problems.length;
  const appId = numericId(env, 'GITHUB_APP_ID', problems);
  const key = privateKey(env, cwd, problems);
  const installationId = numericId(env, 'GITHUB_APP_INSTALLATION_ID', problems);
  if (problems.length > before || appId === null || key === null || installationId === null) return null;
  return { appId, privateKey: key, installationId };
}

/** null when neither GITHUB_TOKEN nor any GITHUB_APP_* is set: postmortems then say GitHub is not configured. */
export function readGitHubEnv(env: Env, problems: Problem[], cwd: string): GitHubSettings | null {
  const token = read(env, 'GITHUB_TOKEN');
  const appSet = APP_NAMES.filter((name) => read(env, name));
  if (!token && appSet.length === 0) {
    for (const name of ['GITHUB_API_URL', 'GITHUB_WEBHOOK_SECRET']) {
      if (read(env, name)) problems.push({ path: `env ${name}`, message: `is set but GitHub is not: set GITHUB_TOKEN (${TOKEN_HINT}) or the GITHUB_APP_* variables, or unset this` });
    }
    return null;
  }
  const before = problems.length;
  if (token && appSet.length > 0) {
    problems.push({ path: 'env GITHUB_TOKEN', message: `set together with ${appSet.join(', ')}: authenticate as a GitHub App or with a token, not both (unset one)` });
  }
  const auth: GitHubAuth | null = token ? { token } : readApp(env, cwd, problems);
  const url = apiUrl(read(env, 'GITHUB_API_URL'), problems);
  if (auth === null || problems.length > before) return null;
  return { auth, apiUrl: url, webhookSecret: read(env, 'GITHUB_WEBHOOK_SECRET') ?? null };
}
