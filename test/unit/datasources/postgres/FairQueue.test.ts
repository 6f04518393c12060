import { FairQueue } from '../../../../datasources/postgres/FairQueue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FairQueue', () => {
  it('runs one task at a time', async () => {
    const queue = new FairQueue();
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => queue.run(`k${i % 3}`, task)));
    expect(most).toBe(1);
  });

  it("takes turns between keys: one key's many tasks do not make another key's one task wait for all of them", async () => {
    const queue = new FairQueue();
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(name);
      await tick();
    };
    const heavy = Array.from({ length: 5 }, (_, i) => queue.run('heavy', task(`h${i}`)));
    const cheap = queue.run('cheap', task('c0'));
    await Promise.all([...heavy, cheap]);
    // h0 was already running; c0 goes right after it, before the rest of heavy's.
    expect(order).toEqual(['h0', 'c0', 'h1', 'h2', 'h3', 'h4']);
  });

  it('serves the cheap line first, taking turns within each line', async () => {
    const queue = new FairQueue();
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(name);
      await tick();
    };
    const all = [
      queue.run('heavy', task('h0')),
      queue.run('heavy', task('h1')),
      queue.run('other', task('o0'), 'normal'),
      queue.run('cheap-a', task('a0'), 'cheap'),
      queue.run('cheap-b', task('b0'), 'cheap'),
      queue.run('cheap-a', task('a1'), 'cheap'),
    ];
    await Promise.all(all);
    // h0 was running when the rest arrived; then every cheap task, taking turns; then the normal line, in turn order.
    expect(order).toEqual(['h0', 'a0', 'b0', 'a1', 'h1', 'o0']);
  });

  it('settles each caller with its own task: values and rejections', async () => {
    const queue = new FairQueue();
    const ok = queue.run('a', async () => 42);
    const failed = queue.run('b', async () => {
      throw new Error('no');
    });
    const thrown = queue.run('c', () => {
      throw new Error('sync');
    });
    await expect(ok).resolves.toBe(42);
    await expect(failed).rejects.toThrow('no');
    await expect(thrown).rejects.toThrow('sync');
    await expect(queue.run('a', async () => 'after')).resolves.toBe('after');
    expect(queue.size).toBe(0);
  });
});
