import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../../src/store/group-commit.js';

describe('group commit', () => {
  it('writes a burst of submissions in batches and answers each caller with its own result', async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit<number, string>({
      maxBatch: 3,
      writeBatch: async (inputs) => {
        batches.push(inputs);
        return inputs.map((n) => `stored ${n}`);
      },
      writeOne: async (n) => `alone ${n}`,
    });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => commit.submit(n)));
    expect(results).toEqual(['stored 1', 'stored 2', 'stored 3', 'stored 4', 'stored 5']);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('does not answer before its batch is written', async () => {
    let release!: () => void;
    const written = new Promise<void>((resolve) => (release = resolve));
    let answered = false;
    const commit = createGroupCommit<number, number>({ maxBatch: 10, writeBatch: async (inputs) => (await written, inputs), writeOne: async (n) => n });
    const pending = commit.submit(7).then((n) => {
      answered = true;
      return n;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(answered).toBe(false);
    release();
    expect(await pending).toBe(7);
  });

  it('retries a failed batch one by one, so only the bad submission fails', async () => {
    const commit = createGroupCommit<number, number>({
      maxBatch: 10,
      writeBatch: async () => Promise.reject(new Error('constraint failed')),
      writeOne: async (n) => (n === 2 ? Promise.reject(new Error(`bad ${n}`)) : n),
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => commit.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
