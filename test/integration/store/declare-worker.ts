/**
 * A separate process (a replica) declaring, for incidents-multiprocess.test.ts (not a test file itself).
 * argv: <databaseUrl> <declaredAtMs> <dedupeKey>…. Prints "ready", waits for a line on stdin, calls createUnlessRecent
 * for each key in turn (many chances to collide with the other processes), prints [{ key, id, created }] as JSON.
 */
import { once } from 'node:events';
import { OPEN_STATES } from '../../../src/core/incident/model.js';
import { createStore } from '../../../src/store/index.js';
import type { NewIncident } from '../../../src/core/incident/model.js';

const [databaseUrl, declaredAtMs, ...keys] = process.argv.slice(2);
if (!databaseUrl || !declaredAtMs || keys.length === 0) throw new Error('usage: declare-worker <databaseUrl> <declaredAtMs> <dedupeKey>…');

const declaredAt = new Date(Number(declaredAtMs));
const store = await createStore({ databaseUrl, migrate: false, poolMax: 2 });
try {
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const outcomes: { key: string; id: number; created: boolean }[] = [];
  for (const dedupeKey of keys) {
    const result = await store.incidents.createUnlessRecent(declaration(dedupeKey), { since: new Date(declaredAt.getTime() - 600_000), states: OPEN_STATES });
    outcomes.push({ key: dedupeKey, id: result.incident.id, created: result.created });
  }
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
} finally {
  await store.close();
  process.stdin.destroy();
}

function declaration(dedupeKey: string): NewIncident {
  return {
    title: 'DB down', severity: 'SEV2', state: 'investigating', service: null, impact: null, isPrivate: false, declaredBy: 'U1',
    dedupeKey, declaredAt, startedAt: null, mitigatedAt: null, resolvedAt: null, commanderAssignedAt: declaredAt,
    roles: { commander: 'U1' }, channelId: null, channelName: null, declarationTs: null, announcement: null,
    lastUpdateAt: null, lastUpdateText: null, links: {},
  };
}
