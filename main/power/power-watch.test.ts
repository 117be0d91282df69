import { EventEmitter } from 'node:events';
import { watchPower } from './power-watch';

describe('watchPower', () => {
  it('tells the page on resume and unlock, and stops when unsubscribed', () => {
    const power = new EventEmitter();
    const woke: string[] = [];
    const stop = watchPower(power, (cause) => woke.push(cause));
    power.emit('resume');
    power.emit('unlock-screen');
    power.emit('suspend');
    expect(woke).toEqual(['resume', 'unlock-screen']);
    stop();
    power.emit('resume');
    expect(woke).toHaveLength(2);
    expect(power.listenerCount('resume') + power.listenerCount('unlock-screen')).toBe(0);
  });
});
