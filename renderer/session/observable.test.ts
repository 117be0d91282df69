import { Observable } from './observable';

describe('Observable', () => {
  it('gives a new listener the current value at once, then every change, until it unsubscribes', () => {
    const o = new Observable(1);
    const seen: number[] = [];
    const stop = o.subscribe((v) => seen.push(v));
    o.set(2);
    stop();
    o.set(3);
    expect(seen).toEqual([1, 2]);
    expect(o.value).toBe(3);
  });

  it('a listener that unsubscribes another during a change does not stop that change reaching it', () => {
    const o = new Observable('a');
    const seen: string[] = [];
    let stopSecond = () => undefined as unknown;
    o.subscribe((v) => v === 'b' && stopSecond());
    stopSecond = o.subscribe((v) => seen.push(v));
    o.set('b');
    o.set('c');
    expect(seen).toEqual(['a', 'b']);
  });
});
