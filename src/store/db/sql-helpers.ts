/** Small SQL pieces that must behave the same on SQLite and PostgreSQL. */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

/** `column` starts with `prefix`, literally: `_` and `%` in the prefix are not wildcards, and case matters. */
export function startsWith(column: string, prefix: string): RawBuilder<boolean> {
  const pattern = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
  // LIKE narrows (and can use an index); the substr comparison makes it exact, because SQLite's LIKE ignores ASCII case.
  // Length in code points: that is what substr counts on both dialects.
  return sql<boolean>`(${sql.ref(column)} like ${pattern} escape '\\' and substr(${sql.ref(column)}, 1, ${Array.from(prefix).length}) = ${prefix})`;
}

/** Rows touched by an UPDATE/DELETE (Kysely reports bigint). */
export function affected(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }): number {
  return Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);
}

/** A unique constraint rejected the write (SQLite and PostgreSQL spell it differently). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
