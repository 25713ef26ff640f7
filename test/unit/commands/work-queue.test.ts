import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../../src/commands/work-queue.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('work queue for post-ack work', () => {
  it('runs at most `concurrency` jobs at once and starts waiting ones in order as slots free up', async () => {
    const queue = createWorkQueue(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = gates.map((gate, i) =>
      queue.run(async () => {
        started.push(i);
        await gate.promise;
        return i * 10;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(started).toEqual([0, 1]);
    expect(queue.size()).toBe(4);
    gates[1]?.resolve();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30]);
    expect(queue.size()).toBe(0);
  });

  it('passes a failure to its caller and keeps the slot usable', async () => {
    const queue = createWorkQueue(1);
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(async () => 'next')).toBe('next');
    expect(queue.size()).toBe(0);
  });
});
