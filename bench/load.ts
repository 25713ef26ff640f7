import { Worker } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './load-worker.js';

/** Runs one load job in a fresh worker thread and returns what it measured. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  // tsx's loader has to be registered inside the worker before the TypeScript module is imported.
  const entry = new URL('./load-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}
