/**
 * A real Prometheus over backfilled history: synthetic counters → OpenMetrics file → `promtool tsdb
 * create-blocks-from openmetrics` → TSDB blocks in a temporary directory → `prometheus` on a free loopback port.
 *
 * Why the data is queryable at once: the blocks are written before Prometheus starts and it loads every block in
 * its storage directory when it opens the TSDB; its head stays empty (no scrape targets), so nothing overlaps.
 * Time retention counts back from the newest block, not from the wall clock, so a history that ended long ago is
 * kept. Instant selectors only see samples up to 5 minutes (the lookback) before the query time, so query at `end`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeOpenMetrics } from './openmetrics.js';
import { timelineOf, type SyntheticSeries, type Timeline } from './synthetic-series.js';
import { freePort } from '../free-port.js';
import type { PrometheusBinaries } from './binaries.js';

const run = promisify(execFile);

export interface StartPrometheusOptions {
  series: SyntheticSeries[];
  /** Time of the last sample (a whole minute is simplest); query at or shortly after it. */
  end: Date;
  /** Days of history before `end`. */
  days: number;
  stepSeconds?: number;
  binaries: PrometheusBinaries;
  /** An endpoint that continues the history live (the playground), scraped without job/instance labels so the
   *  scraped samples extend the very series that were backfilled. */
  scrape?: { target: string; path: string; intervalSeconds: number };
}

function configYaml(scrape: StartPrometheusOptions['scrape']): string {
  if (!scrape) return 'global:\n  scrape_interval: 1m\nscrape_configs: []\n';
  return [
    'global:',
    `  scrape_interval: ${scrape.intervalSeconds}s`,
    'scrape_configs:',
    '  - job_name: playground',
    `    metrics_path: ${scrape.path}`,
    '    honor_labels: true',
    `    static_configs: [{ targets: ['${scrape.target}'] }]`,
    '    metric_relabel_configs:',
    '      - { action: labeldrop, regex: "job|instance" }',
    '',
  ].join('\n');
}

export interface PrometheusInstance {
  url: string;
  end: Date;
  timeline: Timeline;
  samples: number;
  /** Milliseconds spent writing the OpenMetrics file, in promtool, and starting Prometheus until ready. */
  timings: { writeMs: number; backfillMs: number; startMs: number };
  /** Terminates Prometheus (SIGTERM, then SIGKILL) and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

export async function startPrometheus(options: StartPrometheusOptions): Promise<PrometheusInstance> {
  const timeline = timelineOf({ end: options.end, days: options.days, stepSeconds: options.stepSeconds });
  const dir = await mkdtemp(join(tmpdir(), 'warroom-prom-'));
  const dataDir = join(dir, 'data');
  try {
    let mark = performance.now();
    const samples = await writeOpenMetrics(join(dir, 'history.om'), options.series, timeline);
    const writeMs = performance.now() - mark;

    mark = performance.now();
    await mkdir(dataDir);
    // Without --max-block-duration promtool cuts 2 h blocks and re-reads the whole file for each (360 passes for
    // 30 days); with it, a few large blocks. The flag is hidden from --help in promtool 2.42 but accepted.
    const maxBlockHours = Math.max(2, Math.ceil(options.days * 24));
    await run(options.binaries.promtool, ['tsdb', 'create-blocks-from', 'openmetrics', `--max-block-duration=${maxBlockHours}h`, '--quiet', join(dir, 'history.om'), dataDir], {
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    await rm(join(dir, 'history.om'));
    const backfillMs = performance.now() - mark;

    mark = performance.now();
    await writeFile(join(dir, 'prometheus.yml'), configYaml(options.scrape));
    const server = await launchOnFreePort(options.binaries.prometheus, dir, dataDir, Math.max(400, Math.ceil(options.days) + 30));
    const startMs = performance.now() - mark;

    // A worker that dies without stop() must not leave Prometheus running.
    const killOnExit = () => server.child.kill('SIGKILL');
    process.once('exit', killOnExit);
    let stopped: Promise<void> | null = null;
    return {
      url: server.url,
      end: options.end,
      timeline,
      samples,
      timings: { writeMs, backfillMs, startMs },
      stop: () => {
        process.removeListener('exit', killOnExit);
        return (stopped ??= terminate(server.child).then(() => rm(dir, { recursive: true, force: true })));
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Could not start the test Prometheus: ${describe(err)}`);
  }
}

interface Launched {
  url: string;
  child: ChildProcess;
}

/** The port is free when probed but may be taken before Prometheus binds it: try a few. */
async function launchOnFreePort(binary: string, dir: string, dataDir: string, retentionDays: number): Promise<Launched> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      binary,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${dataDir}`,
        `--storage.tsdb.retention.time=${retentionDays}d`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4_000);
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(url, child, () => log);
      return { url, child };
    } catch (err) {
      lastError = err;
      await terminate(child);
    }
  }
  throw lastError;
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`prometheus exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`prometheus at ${url} not ready after 30 s:\n${log()}`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function describe(err: unknown): string {
  const stderr = (err as { stderr?: unknown }).stderr;
  const message = err instanceof Error ? err.message : String(err);
  return typeof stderr === 'string' && stderr.trim() !== '' && !message.includes(stderr.trim()) ? `${message}\n${stderr}` : message;
}
