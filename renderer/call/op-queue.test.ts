import { OpQueue } from './op-queue';

describe('OpQueue', () => {
  it('runs operations one at a time, in order, even when an earlier one is slower', async () => {
    const q = new OpQueue();
    const log: string[] = [];
    let release!: () => void;
    const first = q.push(async () => {
      log.push('first begins');
      await new Promise<void>((r) => (release = r));
      log.push('first ends');
      return 1;
    });
    const second = q.push(() => {
      log.push('second');
      return 2;
    });
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['first begins']);
    release();
    await expect(Promise.all([first, second])).resolves.toEqual([1, 2]);
    expect(log).toEqual(['first begins', 'first ends', 'second']);
  });

  it('a failed operation rejects its own promise and the next one still runs', async () => {
    const q = new OpQueue();
    const failed = q.push(async () => {
      throw new Error('boom');
    });
    const next = q.push(async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
