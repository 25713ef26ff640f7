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

  it('runs work with the same key one at a time in arrival order, while other keys use the free slots', async () => {
    const queue = createWorkQueue(3);
    const gates = [deferred(), deferred(), deferred()];
    const events: string[] = [];
    const job = (name: string, gate: Promise<unknown>) => async () => {
      events.push(`start ${name}`);
      await gate;
      events.push(`end ${name}`);
    };
    const first = queue.run(job('a1', gates[0]!.promise), { key: 'C1' });
    const second = queue.run(job('a2', Promise.resolve()), { key: 'C1' });
    const other = queue.run(job('b1', gates[1]!.promise), { key: 'C2' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual(['start a1', 'start b1']);
    expect(queue.size()).toBe(3);
    gates[0]!.resolve();
    await first;
    await second;
    expect(events).toEqual(['start a1', 'start b1', 'end a1', 'start a2', 'end a2']);
    gates[1]!.resolve();
    await other;
    expect(queue.size()).toBe(0);
  });

  it('goes on with a key after a failure of its earlier work', async () => {
    const queue = createWorkQueue(1);
    await expect(queue.run(async () => Promise.reject(new Error('boom')), { key: 'C1' })).rejects.toThrow('boom');
    expect(await queue.run(async () => 'next', { key: 'C1' })).toBe('next');
  });
});
