/**
 * The Prometheus adapter against a local fake speaking the API envelope, for what a real Prometheus will not do on
 * demand: 503s, hangs, proxy errors, authentication headers, and many queries at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrometheusMetrics, type PrometheusMetricsOptions } from '../../../src/integrations/prometheus/index.js';
import { createSilentLogger } from '../../support/fakes/logger.js';
import { emptyVector, errorOf, startFakePrometheus, vectorOf, type FakePrometheus } from '../../support/prometheus/index.js';
import { failure } from '../../support/failure.js';

const AT = new Date('2025-06-01T12:00:00.250Z');
let fake: FakePrometheus;
let outcomes: string[];

beforeEach(async () => {
  fake = await startFakePrometheus();
  outcomes = [];
});
afterEach(async () => {
  await fake.close();
});

function adapter(options: Partial<PrometheusMetricsOptions> = {}) {
  return createPrometheusMetrics({ baseUrl: fake.url, retryDelayMs: 1, onQuery: (_kind, _ms, outcome) => outcomes.push(outcome), ...options });
}


describe('queries and answers', () => {
  it('sends an instant query with its time in Unix seconds and reads vector values, NaN and ±Inf included', async () => {
    fake.enqueue({
      json: vectorOf([
        { metric: { service: 'checkout', code: '500' }, value: [1748779200.25, '0.0125'] },
        { metric: { service: 'idle' }, value: [1748779200.25, 'NaN'] },
        { metric: { service: 'up' }, value: [1748779200.25, '+Inf'] },
        { metric: { service: 'down' }, value: [1748779200.25, '-Inf'] },
      ]),
    });
    const samples = await adapter().queryInstant('sum by (service, code) (rate(x[5m]))', AT);
    expect(fake.requests.map((r) => [r.method, r.path, r.params.get('query'), r.params.get('time')])).toEqual([
      ['GET', '/api/v1/query', 'sum by (service, code) (rate(x[5m]))', '1748779200.25'],
    ]);
    expect(samples).toEqual([
      { labels: { service: 'checkout', code: '500' }, value: 0.0125, at: AT },
      { labels: { service: 'idle' }, value: NaN, at: AT },
      { labels: { service: 'up' }, value: Infinity, at: AT },
      { labels: { service: 'down' }, value: -Infinity, at: AT },
    ]);
    expect(outcomes).toEqual(['success']);
  });

  it('turns a scalar into one sample without labels, and leaves out `time` when none is given', async () => {
    fake.enqueue({ json: { status: 'success', data: { resultType: 'scalar', result: [1748779200, '42'] } } });
    expect(await adapter().queryInstant('scalar(x)')).toEqual([{ labels: {}, value: 42, at: new Date('2025-06-01T12:00:00Z') }]);
    expect(fake.requests[0]?.params.has('time')).toBe(false);
  });

  it('sends a range query with start, end and step and reads the matrix', async () => {
    fake.enqueue({
      json: {
        status: 'success',
        data: { resultType: 'matrix', result: [{ metric: { service: 'checkout' }, values: [[1748779140, '1'], [1748779200, 'NaN']] }] },
      },
    });
    const series = await adapter({ baseUrl: `${fake.url}/prom/` }).queryRange('rate(x[5m])', {
      start: new Date('2025-06-01T11:59:00Z'),
      end: new Date('2025-06-01T12:00:00Z'),
      stepSeconds: 60,
    });
    const [request] = fake.requests;
    expect(request?.path).toBe('/prom/api/v1/query_range');
    expect(Object.fromEntries(['query', 'start', 'end', 'step'].map((p) => [p, request?.params.get(p)]))).toEqual({
      query: 'rate(x[5m])',
      start: '1748779140',
      end: '1748779200',
      step: '60',
    });
    expect(series).toEqual([
      {
        labels: { service: 'checkout' },
        points: [
          { at: new Date('2025-06-01T11:59:00Z'), value: 1 },
          { at: new Date('2025-06-01T12:00:00Z'), value: NaN },
        ],
      },
    ]);
  });

  it('posts a long query as a form so no proxy cuts the URL', async () => {
    const query = `sum(rate(http_requests_total{service=~"${'a|'.repeat(1_500)}b"}[30d]))`;
    await adapter().queryInstant(query, AT);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(request?.params.get('query')).toBe(query);
  });

  it('refuses a range vector from an instant query and logs Prometheus warnings', async () => {
    const logger = createSilentLogger();
    fake.enqueue({ json: { status: 'success', data: { resultType: 'matrix', result: [] } } });
    const err = await failure(adapter({ logger }).queryInstant('x[5m]', AT));
    expect(err.reason).toContain('the instant query returned a range vector (matrix)');
    expect(outcomes).toEqual(['invalid_response']);

    fake.enqueue({ json: { ...emptyVector, warnings: ['PromQL info: metric might not be a counter'] } });
    await adapter({ logger }).queryInstant('rate(x[5m])', AT);
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => (e.obj as { warning?: string }).warning)).toContain(
      'PromQL info: metric might not be a counter',
    );
  });
});

describe('failures', () => {
  it('retries once after a 503 and returns the second answer', async () => {
    fake.enqueue({ status: 503, json: errorOf('unavailable', 'too many queries') }, { json: vectorOf([{ value: [1748779200, '1'] }]) });
    const samples = await adapter().queryInstant('up', AT);
    expect(samples.map((s) => s.value)).toEqual([1]);
    expect(fake.requests).toHaveLength(2);
    expect(outcomes).toEqual(['success']);
  });

  it('fails after exactly one retry when Prometheus answers 503 again', async () => {
    const busy = { status: 503, json: errorOf('unavailable', 'too many queries') };
    fake.enqueue(busy, busy, busy);
    const err = await failure(adapter().queryInstant('up', AT));
    expect(err).toMatchObject({ integration: 'prometheus', operation: 'query', reason: 'unavailable: too many queries', retryable: true });
    expect(fake.requests).toHaveLength(2);
    expect(outcomes).toEqual(['unavailable']);
  });

  it('does not retry other errors: a non-JSON 502 from a proxy says what came back', async () => {
    fake.enqueue({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1>\n nginx</body></html>', contentType: 'text/html' });
    const err = await failure(adapter().queryRange('up', { start: AT, end: AT, stepSeconds: 60 }));
    expect(err).toMatchObject({ operation: 'query_range', retryable: true });
    expect(err.reason).toBe(`HTTP 502 Bad Gateway from ${fake.url} with no Prometheus API error: <html><body><h1>502 Bad Gateway</h1> nginx</body></html>`);
    expect(fake.requests).toHaveLength(1);
    expect(outcomes).toEqual(['http_502']);
  });

  it('gives up on a hung Prometheus when the timeout fires, without retrying', async () => {
    fake.enqueue({ hang: true });
    const err = await failure(adapter({ timeoutMs: 50 }).queryInstant('up', AT));
    expect(err).toMatchObject({ operation: 'query', retryable: true });
    expect(err.reason).toBe(`timed out after 0.05 s waiting for Prometheus at ${fake.url}`);
    expect(fake.requests).toHaveLength(1);
    expect(outcomes).toEqual(['client_timeout']);
  });

  it('says when the answer is not the Prometheus API at all', async () => {
    fake.enqueue({ body: '<html>login page</html>', contentType: 'text/html' });
    const err = await failure(adapter().queryInstant('up', AT));
    expect(err.reason).toBe(`HTTP 200 OK from ${fake.url} with an answer that is not the Prometheus API format: <html>login page</html>`);
    expect(outcomes).toEqual(['invalid_response']);
  });
});

describe('authentication', () => {
  it('sends the bearer token and never shows it in status, reasons or logs', async () => {
    const logger = createSilentLogger();
    const metrics = adapter({ bearerToken: 'tok-s3cret', logger });
    fake.enqueue({ status: 401, body: 'invalid token tok-s3cret' });
    const err = await failure(metrics.queryInstant('up', AT));
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer tok-s3cret');
    expect(err.reason).toBe(`HTTP 401 Unauthorized from ${fake.url} with no Prometheus API error: invalid token [REDACTED]`);
    expect(metrics.status()).toEqual({ configured: true, detail: `Prometheus at ${fake.url}, bearer token` });
    expect(JSON.stringify(logger.entries)).not.toContain('s3cret');
  });

  it('sends basic auth, given as options or in the URL, and keeps the password out of status and reasons', async () => {
    const basic = `Basic ${Buffer.from('grafana:pw s3cret').toString('base64')}`;
    const fromOptions = adapter({ basicAuth: { username: 'grafana', password: 'pw s3cret' } });
    const fromUrl = adapter({ baseUrl: `${fake.url.replace('http://', 'http://grafana:pw%20s3cret@')}/` });
    await fromOptions.queryInstant('up', AT);
    fake.enqueue({ status: 403, body: 'forbidden: pw s3cret' });
    const err = await failure(fromUrl.queryInstant('up', AT));
    expect(fake.requests.map((r) => r.headers.authorization)).toEqual([basic, basic]);
    expect(err.reason).toBe(`HTTP 403 Forbidden from ${fake.url} with no Prometheus API error: forbidden: [REDACTED]`);
    for (const metrics of [fromOptions, fromUrl]) expect(metrics.status().detail).toBe(`Prometheus at ${fake.url}, basic auth`);
  });

  it('refuses a bearer token together with basic auth', () => {
    expect(() => adapter({ bearerToken: 't', baseUrl: fake.url.replace('http://', 'http://u:p@') })).toThrow(/not both/);
  });
});

describe('concurrency', () => {
  it('keeps at most `concurrency` queries in flight; the others wait their turn', async () => {
    // Each answer is held a few ms, long enough for any query sent alongside to arrive and overlap.
    fake.setHandler(() => new Promise((resolve) => setTimeout(() => resolve({ json: vectorOf([{ value: [1748779200, '1'] }]) }), 10)));
    const metrics = adapter({ concurrency: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => metrics.queryInstant(`q${i}`, AT)));
    expect(results.flat().map((s) => s.value)).toEqual(Array.from({ length: 10 }, () => 1));
    expect(fake.requests).toHaveLength(10);
    expect(fake.maxInFlight()).toBe(3);
  });
});
