import { SubscriberWatch } from './subscriber-watch';

function setup() {
  const calls: string[] = [];
  const w = new SubscriberWatch({ connectMs: 10_000, retry: () => calls.push('retry'), giveUp: () => calls.push('give up') });
  return { w, calls };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('SubscriberWatch', () => {
  it('does nothing when the connection comes up before the deadline', () => {
    const { w, calls } = setup();
    w.answered('new');
    jest.advanceTimersByTime(9_999);
    w.stateChanged('connected');
    jest.advanceTimersByTime(60_000);
    expect(calls).toEqual([]);
  });

  it('subscribes again once when the deadline passes, then gives up on a second miss', () => {
    const { w, calls } = setup();
    w.answered('connecting');
    w.answered('connecting'); // a second answer does not move the deadline
    jest.advanceTimersByTime(10_000);
    expect(calls).toEqual(['retry']);
    w.answered('new');
    jest.advanceTimersByTime(10_000);
    expect(calls).toEqual(['retry', 'give up']);
  });

  it('retries at once on failed, and again after a success in between', () => {
    const { w, calls } = setup();
    w.stateChanged('failed');
    w.stateChanged('connected');
    w.stateChanged('failed');
    expect(calls).toEqual(['retry', 'retry']);
    w.stateChanged('failed');
    expect(calls).toEqual(['retry', 'retry', 'give up']);
  });

  it('is silent once closed', () => {
    const { w, calls } = setup();
    w.answered('new');
    w.close();
    jest.advanceTimersByTime(60_000);
    w.stateChanged('failed');
    expect(calls).toEqual([]);
  });
});
