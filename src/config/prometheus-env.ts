/** PROMETHEUS_* from the environment: where deploy checks read SLO metrics, and how they authenticate. */
import type { Env } from './env.js';
import type { Problem } from './problems.js';

export interface PrometheusSettings {
  /** Base URL with a trailing slash (`http://prometheus:9090/`, or `https://host/prometheus/` behind a proxy). */
  url: string;
  bearerToken: string | null;
  basicAuth: { username: string; password: string } | null;
  timeoutMs: number;
}

export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 10_000;

const read = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

function parseUrl(value: string, problems: Problem[]): string | null {
  const path = 'env PROMETHEUS_URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push({ path, message: 'expected an http(s) URL such as http://prometheus:9090 (the server, without /api/v1)' });
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push({ path, message: `expected an http(s) URL such as http://prometheus:9090, got a ${url.protocol} URL` });
    return null;
  }
  // Credentials in the URL would end up in logs and error messages; they have their own variables.
  if (url.username || url.password) {
    problems.push({ path, message: 'contains credentials: put them in PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD (or PROMETHEUS_BEARER_TOKEN) instead' });
    return null;
  }
  if (url.search || url.hash) {
    problems.push({ path, message: 'expected the server URL without a query string or fragment, e.g. http://prometheus:9090' });
    return null;
  }
  const href = url.href.replace(/\/api\/v1\/?$/, '/');
  return href.endsWith('/') ? href : `${href}/`;
}

function parseTimeout(value: string | undefined, problems: Problem[]): number {
  if (value === undefined) return DEFAULT_PROMETHEUS_TIMEOUT_MS;
  const ms = /^\d+$/.test(value) ? Number(value) : NaN;
  if (ms >= 100 && ms <= 300_000) return ms;
  problems.push({ path: 'env PROMETHEUS_TIMEOUT_MS', message: `expected milliseconds from 100 to 300000 (default ${DEFAULT_PROMETHEUS_TIMEOUT_MS}), got "${value}"` });
  return DEFAULT_PROMETHEUS_TIMEOUT_MS;
}

/** null when PROMETHEUS_URL is unset: deploy checks then answer that Prometheus is not configured. */
export function readPrometheusEnv(env: Env, problems: Problem[]): PrometheusSettings | null {
  const rawUrl = read(env, 'PROMETHEUS_URL');
  const token = read(env, 'PROMETHEUS_BEARER_TOKEN') ?? null;
  const username = read(env, 'PROMETHEUS_USERNAME');
  const password = read(env, 'PROMETHEUS_PASSWORD');
  const rawTimeout = read(env, 'PROMETHEUS_TIMEOUT_MS');
  if (!rawUrl) {
    const stray = ['PROMETHEUS_BEARER_TOKEN', 'PROMETHEUS_USERNAME', 'PROMETHEUS_PASSWORD', 'PROMETHEUS_TIMEOUT_MS'].filter((name) => read(env, name));
    for (const name of stray) problems.push({ path: `env ${name}`, message: 'is set but PROMETHEUS_URL is not: set PROMETHEUS_URL to the Prometheus server (e.g. http://prometheus:9090), or unset this' });
    return null;
  }
  const before = problems.length;
  const url = parseUrl(rawUrl, problems);
  if ((username === undefined) !== (password === undefined)) {
    const missing = username === undefined ? 'PROMETHEUS_USERNAME' : 'PROMETHEUS_PASSWORD';
    problems.push({ path: `env ${missing}`, message: `missing — basic auth needs both PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD (or neither)` });
  }
  if (token && (username !== undefined || password !== undefined)) {
    problems.push({ path: 'env PROMETHEUS_BEARER_TOKEN', message: 'set together with basic auth (PROMETHEUS_USERNAME/PASSWORD): choose one way to authenticate' });
  }
  const timeoutMs = parseTimeout(rawTimeout, problems);
  if (url === null || problems.length > before) return null;
  return { url, bearerToken: token, basicAuth: username && password ? { username, password } : null, timeoutMs };
}
