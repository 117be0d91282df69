import { Emitter } from './emitter';
import { OpQueue } from './op-queue';

interface Events {
  ping: (n: number) => void;
}

describe('Emitter', () => {
  it('on / off / once / emit, and a throwing listener does not stop the others', () => {
    const e = new Emitter<Events>();
    const seen: string[] = [];
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    e.on('ping', () => {
      throw new Error('boom');
    });
    const off = e.on('ping', (n) => seen.push(`a${n}`));
    e.once('ping', (n) => seen.push(`once${n}`));
    e.emit('ping', 1);
    off();
    e.emit('ping', 2);
    expect(seen).toEqual(['a1', 'once1']);
    expect(err).toHaveBeenCalledTimes(2);
    err.mockRestore();
  });
});

describe('OpQueue', () => {
  it('runs one at a time in order; a failure does not stop the queue', async () => {
    const q = new OpQueue();
    const log: string[] = [];
    const slow = q.push(async () => {
      log.push('a-start');
      await new Promise((r) => setTimeout(r, 10));
      log.push('a-end');
    });
    const failing = q.push(() => {
      log.push('b');
      throw new Error('b failed');
    });
    const last = q.push(() => log.push('c'));
    await slow;
    await expect(failing).rejects.toThrow('b failed');
    await last;
    expect(log).toEqual(['a-start', 'a-end', 'b', 'c']);
  });
});
