/**
 * Builds the octokit client: a token or a GitHub App installation, GitHub.com or Enterprise (`apiUrl`), octokit's
 * throttling (spaces writes and searches, retries rate-limited calls a bounded number of times) and retry (5xx)
 * plugins, and a timeout per HTTP attempt. Logs name the method and path, never the token.
 */
import { App, Octokit } from 'octokit';
import type { Logger } from '../../core/ports.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
export const DEFAULT_GITHUB_TIMEOUT_MS = 10_000;
/** How many times a rate-limited call is retried after GitHub's retry-after before it fails. */
export const MAX_RATE_LIMIT_RETRIES = 2;

export type GitHubAuth = { token: string } | { appId: number; privateKey: string; installationId: number };

export interface GitHubClientOptions {
  auth: GitHubAuth;
  apiUrl: string;
  throttle: boolean;
  /** Retries of 5xx answers (octokit's retry plugin); 0 turns retrying off. */
  retries: number | undefined;
  timeoutMs: number;
  /** The unit of GitHub's retry-after and of the 5xx back-off: 1000 ms in production, tiny in tests. */
  retryAfterBaseMs: number | undefined;
  logger: Logger | undefined;
}

export type GitHubClient = InstanceType<typeof Octokit>;

interface LimitedRequest {
  method: string;
  url: string;
}

/** A fetch that gives up after `timeoutMs` on each attempt (octokit retries get a fresh budget). */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // Looked up per call, so test interceptors installed later still see the request.
    return globalThis.fetch(input, { ...init, signal });
  };
}

function limitHandler(kind: 'rate-limit' | 'secondary-rate-limit', logger: Logger | undefined) {
  return (retryAfter: number, request: LimitedRequest, _octokit: unknown, retryCount: number): boolean => {
    const retry = retryCount < MAX_RATE_LIMIT_RETRIES;
    const entry = { kind, method: request.method, path: request.url, retryAfterSeconds: retryAfter, retryCount, retry };
    logger?.warn(entry, retry ? `GitHub ${kind}: retrying after ${retryAfter} s` : `GitHub ${kind}: giving up`);
    return retry;
  };
}

function octokitLog(logger: Logger | undefined) {
  const at = (level: keyof Logger) => (message: string, extra?: object) => logger?.[level]({ source: 'octokit', ...(extra ?? {}) }, message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function clientDefaults(options: GitHubClientOptions) {
  const base = options.retryAfterBaseMs;
  return {
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'warroom-github-adapter',
    log: octokitLog(options.logger),
    request: { fetch: fetchWithTimeout(options.timeoutMs) },
    throttle: options.throttle
      ? {
          onRateLimit: limitHandler('rate-limit', options.logger),
          onSecondaryRateLimit: limitHandler('secondary-rate-limit', options.logger),
          ...(base === undefined ? {} : { retryAfterBaseValue: base }),
        }
      : { enabled: false as const },
    retry: options.retries === 0 ? { enabled: false } : { ...(options.retries === undefined ? {} : { retries: options.retries }), ...(base === undefined ? {} : { retryAfterBaseValue: base }) },
  };
}

/** Resolves once: a token client at once, an App installation client after octokit sets up its auth. */
export function createGitHubClient(options: GitHubClientOptions): () => Promise<GitHubClient> {
  const defaults = clientDefaults(options);
  const { auth } = options;
  if ('token' in auth) {
    if (!auth.token) throw new Error('GitHub needs a token (GITHUB_TOKEN) or a GitHub App (id, private key, installation id).');
    const client = new Octokit({ ...defaults, auth: auth.token });
    return () => Promise.resolve(client);
  }
  if (!auth.appId || !auth.privateKey || !auth.installationId) throw new Error('A GitHub App needs its app id, private key and installation id.');
  const app = new App({ appId: auth.appId, privateKey: auth.privateKey, Octokit: Octokit.defaults(defaults), log: defaults.log });
  let installation: Promise<GitHubClient> | null = null;
  return () => {
    installation ??= app.getInstallationOctokit(auth.installationId).catch((err: unknown) => {
      installation = null; // let the next call try again
      throw err;
    });
    return installation;
  };
}

/** `api.github.com` or `ghe.example.com`: what status and errors name (the token never appears). */
export function apiHost(apiUrl: string): string {
  try {
    return new URL(apiUrl).host;
  } catch {
    throw new Error(`GITHUB_API_URL "${apiUrl}" is not a URL (e.g. https://ghe.example.com/api/v3).`);
  }
}
