/**
 * `npm run drills`: the high-availability drills. Two bot processes on one PostgreSQL (a throwaway cluster from the
 * Debian binaries) behind the Slack simulator; each drill breaks something and checks what Warroom promises. Prints a
 * table of figures, writes drills/results.json, and exits 1 when a promise did not hold (CI runs it).
 *   npm run drills [-- redelivery crash week postgres slack-outage]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinaries, startPostgres } from '../test/support/postgres.js';
import { crashDrill } from './crash.js';
import { postgresRestartDrill } from './postgres-restart.js';
import { redeliveryDrill } from './redelivery.js';
import { slackOutageDrill } from './slack-outage.js';
import { weekDrill } from './week.js';
import type { DrillResult } from './support/drill.js';

import type { PostgresServer } from '../test/support/postgres.js';

type Drill = (options: { pgUrl: string; logDir: string; pgServer: PostgresServer }) => Promise<DrillResult>;

const DRILLS: Record<string, Drill> = {
  redelivery: redeliveryDrill,
  crash: crashDrill,
  week: weekDrill,
  postgres: postgresRestartDrill,
  'slack-outage': slackOutageDrill,
};

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = wanted.filter((name) => !DRILLS[name]);
  if (unknown.length) {
    console.error(`unknown drill(s): ${unknown.join(', ')}; known: ${Object.keys(DRILLS).join(', ')}`);
    return 64;
  }
  const lookup = findPostgresBinaries(process.env.PATH);
  if (!lookup.found) {
    console.error(`The drills need PostgreSQL: ${lookup.reason}`);
    return 1;
  }
  const logDir = join(tmpdir(), `warroom-drills-${Date.now()}`);
  mkdirSync(logDir, { recursive: true });
  const pgServer = await startPostgres(lookup.binDir);
  const results: DrillResult[] = [];
  try {
    for (const name of wanted.length ? wanted : Object.keys(DRILLS)) {
      console.log(`\n▶ drill ${name}`);
      const result = await (DRILLS[name] as Drill)({ pgUrl: pgServer.url, logDir, pgServer }).catch(
        (err: unknown): DrillResult => ({ name, figures: {}, failures: [`the drill itself failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`], seconds: 0 }),
      );
      results.push(result);
      const figures = Object.entries(result.figures).map(([k, v]) => `${k}: ${v}`).join(' · ');
      console.log(`${result.failures.length ? '✗' : '✓'} ${result.name} (${result.seconds.toFixed(1)} s)\n  ${figures}`);
      for (const failure of result.failures) console.log(`  ✗ ${failure}`);
    }
  } finally {
    await pgServer.stop();
  }
  writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`);
  const failed = results.filter((r) => r.failures.length > 0);
  console.log(`\n${results.length - failed.length} of ${results.length} drills held; replica logs in ${logDir}`);
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
