/** jobs row ↔ Job. */
import type { Selectable } from 'kysely';
import type { Job } from '../../core/ports.js';
import type { JobsTable } from '../db/schema.js';
import { parseJson, toDate, toNumber } from './values.js';

export function jobFromRow(row: Selectable<JobsTable>): Job {
  return {
    id: toNumber(row.id),
    kind: row.kind,
    key: row.key,
    runAt: toDate(row.run_at),
    payload: parseJson<Record<string, unknown>>(row.payload, 'jobs.payload'),
    attempts: toNumber(row.attempts),
  };
}
