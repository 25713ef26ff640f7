/**
 * Group commit for SQLite: appends that arrive while one batch is being written wait and go together in the next
 * transaction, so a burst pays one fsync per batch instead of one per event. Each caller is answered only after
 * its batch has committed, so "stored" still means durable (synchronous=FULL). If a batch fails, its events are
 * retried one by one, so one bad event cannot fail the others.
 */
export interface GroupCommit<In, Out> {
  submit(input: In): Promise<Out>;
}

interface Pending<In, Out> {
  input: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit<In, Out>(options: {
  maxBatch: number;
  writeBatch: (inputs: In[]) => Promise<Out[]>;
  writeOne: (input: In) => Promise<Out>;
}): GroupCommit<In, Out> {
  let queue: Pending<In, Out>[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, options.maxBatch);
        queue = queue.slice(batch.length);
        try {
          const results = await options.writeBatch(batch.map((p) => p.input));
          batch.forEach((p, i) => p.resolve(results[i] as Out));
        } catch {
          for (const p of batch) await options.writeOne(p.input).then(p.resolve, p.reject);
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    submit(input) {
      return new Promise<Out>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // The first caller starts a writer on the next turn, letting the rest of this burst join its batch.
        if (!writing) {
          writing = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}
