import { Batcher } from './batcher';

const tick = () => new Promise((r) => setImmediate(r));

describe('Batcher (group commit)', () => {
  it('runs a lone call at once, alone', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number, number>(async (xs) => {
      batches.push(xs);
      return xs.map((x) => x * 2);
    });
    await expect(b.add(21)).resolves.toBe(42);
    expect(batches).toEqual([[21]]);
  });

  it('gathers the calls made while batches are in flight, in order, up to maxBatch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new Batcher<number, string>(
      async (xs) => {
        batches.push(xs);
        if (batches.length === 1) await gate;
        return xs.map(String);
      },
      { maxBatch: 3, concurrency: 1 },
    );
    const first = b.add(0);
    await tick();
    const rest = [1, 2, 3, 4, 5].map((x) => b.add(x));
    await tick();
    expect(b.pending).toBe(5);
    release();
    await expect(Promise.all([first, ...rest])).resolves.toEqual(['0', '1', '2', '3', '4', '5']);
    expect(batches).toEqual([[0], [1, 2, 3], [4, 5]]);
  });

  it('fails only the call whose answer is an Error, or the whole batch when run throws', async () => {
    const b = new Batcher<number, number>(async (xs) => {
      if (xs.includes(99)) throw new Error('statement failed');
      return xs.map((x) => (x < 0 ? new Error(`bad ${x}`) : x));
    });
    const [ok, bad] = await Promise.allSettled([b.add(1), b.add(-1)]);
    expect(ok).toEqual({ status: 'fulfilled', value: 1 });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('bad -1') });
    const both = await Promise.allSettled([b.add(2), b.add(99)]);
    expect(both.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    // and it goes on afterwards
    await expect(b.add(3)).resolves.toBe(3);
  });

  it('with `alone`, splits a batch whose statement fails: the bad call fails alone, the others are answered', async () => {
    const batches: number[][] = [];
    const splits: [number, string][] = [];
    const b = new Batcher<number, number>(
      async (xs) => {
        batches.push(xs);
        if (xs.includes(99)) throw new Error('statement failed');
        return xs.map((x) => x * 2);
      },
      { alone: true, onSplit: (size, e) => splits.push([size, e.message]) },
    );
    const [one, bad, two] = await Promise.allSettled([b.add(1), b.add(99), b.add(2)]);
    expect(one).toEqual({ status: 'fulfilled', value: 2 });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('statement failed') });
    expect(two).toEqual({ status: 'fulfilled', value: 4 });
    expect(splits).toEqual([[3, 'statement failed']]);
    expect(batches).toEqual([[1, 99, 2], [1], [99], [2]]);
    // a lone call that fails is not run again
    await expect(b.add(99)).rejects.toThrow('statement failed');
    expect(batches).toHaveLength(5);
  });

  it('with an `alone` function, runs it for each call of a failed batch, one after another', async () => {
    const order: string[] = [];
    const b = new Batcher<number, string>(
      async () => {
        throw new Error('statement failed');
      },
      {
        alone: async (x) => {
          order.push(`start ${x}`);
          await tick();
          order.push(`end ${x}`);
          if (x < 0) throw 'negative';
          return `alone ${x}`;
        },
      },
    );
    const all = await Promise.allSettled([b.add(1), b.add(-1), b.add(2)]);
    expect(all).toEqual([
      { status: 'fulfilled', value: 'alone 1' },
      { status: 'rejected', reason: new Error('negative') },
      { status: 'fulfilled', value: 'alone 2' },
    ]);
    expect(order).toEqual(['start 1', 'end 1', 'start -1', 'end -1', 'start 2', 'end 2']);
  });

  it('never runs more than `concurrency` batches at once', async () => {
    let running = 0;
    let most = 0;
    const b = new Batcher<number, number>(
      async (xs) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 2));
        running -= 1;
        return xs;
      },
      { maxBatch: 2, concurrency: 2 },
    );
    const all = Array.from({ length: 20 }, (_, i) => b.add(i));
    await expect(Promise.all(all)).resolves.toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(2);
  });
});
