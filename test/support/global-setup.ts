/**
 * vitest globalSetup: one throwaway PostgreSQL for the whole run, handed to tests as inject('pgUrl').
 * WARROOM_TEST_PG_URL points the tests at an existing server instead (each test file still creates its own database).
 * Without PostgreSQL binaries the PostgreSQL cases are skipped, loudly, except under CI where that is an error.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.WARROOM_TEST_PG_URL;
  if (external) {
    project.provide('pgUrl', external);
    return undefined;
  }
  const lookup = findPostgresBinaries(process.env.PATH);
  if (!lookup.found) {
    if (process.env.CI) throw new Error(`PostgreSQL is required under CI but ${lookup.reason}`);
    const line = '!'.repeat(100);
    console.warn(`\n${line}\nPostgreSQL tests SKIPPED: ${lookup.reason}\n${line}\n`);
    project.provide('pgUrl', null);
    return undefined;
  }
  const server = await startPostgres(lookup.binDir);
  project.provide('pgUrl', server.url);
  return () => server.stop();
}
