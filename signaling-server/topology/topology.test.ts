import { ErrorCode } from '../../protocol';
import { FakeClock } from '../testing/fake-clock';
import { TopologyManager, type Topology } from './topology';

function setup(opts: { available?: boolean; switchTimeoutMs?: number; holdDownMs?: number } = {}) {
  const clock = new FakeClock();
  let available = opts.available ?? true;
  const tm = new TopologyManager({
    sfuAvailable: () => available,
    clock,
    holdDownMs: opts.holdDownMs ?? 15_000,
    switchTimeoutMs: opts.switchTimeoutMs ?? 0,
  });
  const changes: Array<[string, Topology, string]> = [];
  const removed: Array<[string, Topology]> = [];
  tm.on('change', (room: string, mode: Topology, reason: string) => changes.push([room, mode, reason]));
  tm.on('removed', (room: string, mode: Topology) => removed.push([room, mode]));
  const setAvailable = (v: boolean) => {
    available = v;
    tm.onSfuAvailability(v);
  };
  return { clock, tm, changes, removed, setAvailable };
}

describe('TopologyManager', () => {
  it('keeps rooms of up to four on mesh and moves the fifth participant to the SFU', () => {
    const { tm, changes } = setup();
    for (let n = 1; n <= 4; n++) expect(tm.onParticipantCount('r', n)).toBe('mesh');
    expect(changes).toEqual([]);
    expect(tm.admit('r', 5)).toEqual({ ok: true, mode: 'sfu' });
    expect(tm.onParticipantCount('r', 5)).toBe('sfu');
    expect(changes).toEqual([['r', 'sfu', 'grow']]);
    expect(tm.onParticipantCount('r', 9)).toBe('sfu');
    expect(changes).toHaveLength(1);
  });

  it('goes back to mesh only after the hold-down, measured from the drop to four', () => {
    const { tm, changes, clock } = setup();
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 4);
    expect(tm.get('r')?.holdDownUntil).toBe(clock.now() + 15_000);
    clock.advance(10_000);
    tm.onParticipantCount('r', 3); // still below: the hold-down does not restart
    clock.advance(4_999);
    expect(tm.mode('r')).toBe('sfu');
    clock.advance(1);
    expect(tm.mode('r')).toBe('mesh');
    expect(changes).toEqual([
      ['r', 'sfu', 'grow'],
      ['r', 'mesh', 'hold-down'],
    ]);
    expect(tm.get('r')?.holdDownUntil).toBeUndefined();
  });

  it('stays on the SFU when the room grows again during the hold-down, and starts a fresh hold-down later', () => {
    const { tm, changes, clock } = setup();
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 4);
    clock.advance(14_000);
    tm.onParticipantCount('r', 5); // join during the hold-down
    expect(tm.get('r')?.holdDownUntil).toBeUndefined();
    clock.advance(60_000);
    expect(tm.mode('r')).toBe('sfu');
    tm.onParticipantCount('r', 4);
    clock.advance(14_999);
    expect(tm.mode('r')).toBe('sfu');
    clock.advance(1);
    expect(tm.mode('r')).toBe('mesh');
    expect(changes.map((c) => c[1])).toEqual(['sfu', 'mesh']);
  });

  it('switches twice in a row: mesh -> sfu -> mesh -> sfu -> mesh', () => {
    const { tm, changes, clock } = setup();
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 4);
    clock.advance(15_000);
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 2);
    clock.advance(15_000);
    expect(changes).toEqual([
      ['r', 'sfu', 'grow'],
      ['r', 'mesh', 'hold-down'],
      ['r', 'sfu', 'grow'],
      ['r', 'mesh', 'hold-down'],
    ]);
    expect(clock.pending).toBe(0);
  });

  it('refuses the fifth join with SFU_UNAVAILABLE when the SFU is down, and the room stays mesh', () => {
    const { tm, changes } = setup({ available: false });
    tm.onParticipantCount('r', 4);
    const d = tm.admit('r', 5);
    expect(d).toMatchObject({ ok: false, code: ErrorCode.SfuUnavailable });
    expect(ErrorCode.SfuUnavailable).toBe('SFU_UNAVAILABLE');
    expect(tm.admit('r', 4)).toEqual({ ok: true, mode: 'mesh' });
    // Had the caller admitted it anyway, the room still could not move.
    expect(tm.onParticipantCount('r', 5)).toBe('mesh');
    expect(changes).toEqual([]);
  });

  it('falls back to mesh at once when the SFU goes down, and returns to it when it is back', () => {
    const { tm, changes, setAvailable, clock } = setup();
    tm.onParticipantCount('big', 6);
    tm.onParticipantCount('small', 5);
    tm.onParticipantCount('small', 3); // in hold-down
    setAvailable(false);
    expect(tm.mode('big')).toBe('mesh');
    expect(tm.mode('small')).toBe('mesh');
    expect(tm.get('small')?.holdDownUntil).toBeUndefined();
    expect(tm.admit('big', 7).ok).toBe(false);
    clock.advance(30_000);
    setAvailable(true);
    expect(tm.mode('big')).toBe('sfu');
    expect(tm.mode('small')).toBe('mesh');
    expect(changes).toEqual([
      ['big', 'sfu', 'grow'],
      ['small', 'sfu', 'grow'],
      ['big', 'mesh', 'sfu-down'],
      ['small', 'mesh', 'sfu-down'],
      ['big', 'sfu', 'grow'],
    ]);
  });

  it('holds a new decision back while a switch is in progress and takes it when the switch completes', () => {
    const { tm, changes, clock } = setup({ switchTimeoutMs: 20_000 });
    tm.onParticipantCount('r', 5);
    expect(tm.get('r')?.switching).toBe(true);
    // Leave during the switch to the SFU: the hold-down starts now, but no switch back while switching.
    tm.onParticipantCount('r', 4);
    clock.advance(16_000);
    expect(tm.mode('r')).toBe('sfu');
    expect(changes).toHaveLength(1);
    tm.switchComplete('r');
    // The hold-down ran out during the switch: back to mesh as soon as it is complete.
    expect(changes).toEqual([
      ['r', 'sfu', 'grow'],
      ['r', 'mesh', 'hold-down'],
    ]);
    expect(tm.get('r')?.switching).toBe(true);
    tm.switchComplete('r');
    expect(tm.get('r')?.switching).toBe(false);
  });

  it('a leave during a switch that is quickly followed by a join keeps the room on the SFU', () => {
    const { tm, changes, clock } = setup({ switchTimeoutMs: 20_000 });
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 4);
    clock.advance(1_000);
    tm.switchComplete('r');
    tm.onParticipantCount('r', 5);
    clock.advance(60_000);
    expect(changes).toEqual([['r', 'sfu', 'grow']]);
  });

  it('a join during a switch back to mesh moves the room to the SFU once that switch completes', () => {
    const { tm, changes, clock } = setup({ switchTimeoutMs: 20_000 });
    tm.onParticipantCount('r', 5);
    tm.switchComplete('r');
    tm.onParticipantCount('r', 4);
    clock.advance(15_000);
    expect(changes.at(-1)).toEqual(['r', 'mesh', 'hold-down']);
    tm.onParticipantCount('r', 5); // joins while clients are moving to mesh
    expect(tm.mode('r')).toBe('mesh');
    tm.switchComplete('r');
    expect(changes.at(-1)).toEqual(['r', 'sfu', 'grow']);
  });

  it('treats an unconfirmed switch as complete after the switch timeout', () => {
    const { tm, changes, clock } = setup({ switchTimeoutMs: 20_000 });
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 4);
    clock.advance(19_999);
    expect(tm.mode('r')).toBe('sfu');
    clock.advance(1);
    expect(changes.map((c) => c[2])).toEqual(['grow', 'hold-down']);
  });

  it('forgets an emptied room (even mid hold-down or mid switch) and starts it again on mesh', () => {
    const { tm, removed, clock, changes } = setup({ switchTimeoutMs: 20_000 });
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 2);
    tm.onParticipantCount('r', 0);
    expect(removed).toEqual([['r', 'sfu']]);
    expect(tm.get('r')).toBeUndefined();
    expect(clock.pending).toBe(0);
    clock.advance(60_000);
    expect(changes).toHaveLength(1);
    expect(tm.onParticipantCount('r', 1)).toBe('mesh');
    expect(tm.onParticipantCount('unknown', 0)).toBe('mesh');
  });

  it('keeps rooms apart', () => {
    const { tm, changes, clock } = setup();
    tm.onParticipantCount('a', 5);
    tm.onParticipantCount('b', 3);
    tm.onParticipantCount('a', 4);
    clock.advance(15_000);
    expect(changes).toEqual([
      ['a', 'sfu', 'grow'],
      ['a', 'mesh', 'hold-down'],
    ]);
    expect(tm.mode('b')).toBe('mesh');
    expect(tm.roomIds().sort()).toEqual(['a', 'b']);
  });

  it('moves a small room to the SFU when something requires it, with the hold-down after release', () => {
    const { tm, changes, clock } = setup();
    tm.onParticipantCount('r', 2);
    expect(tm.setSfuRequired('r', true)).toBe('sfu');
    expect(tm.admit('r', 3)).toEqual({ ok: true, mode: 'sfu' });
    tm.setSfuRequired('r', false);
    clock.advance(15_000);
    expect(changes).toEqual([
      ['r', 'sfu', 'required'],
      ['r', 'mesh', 'hold-down'],
    ]);
  });

  it('with a zero hold-down goes back to mesh at once', () => {
    const { tm, changes } = setup({ holdDownMs: 0 });
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 4);
    expect(changes.map((c) => c[1])).toEqual(['sfu', 'mesh']);
  });

  it('rejects nonsense counts and clears timers on dispose', () => {
    const { tm, clock } = setup();
    expect(() => tm.onParticipantCount('r', -1)).toThrow();
    expect(() => tm.onParticipantCount('r', 1.5)).toThrow();
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 4);
    expect(clock.pending).toBe(1);
    tm.dispose();
    expect(clock.pending).toBe(0);
  });

  it('goes back to mesh when the hold-down timer fires a millisecond early (Node timers against Date.now())', () => {
    const clock = new FakeClock();
    // Every timer fires 1 ms before its time (at least 1 ms on), as Node's may against the wall clock.
    const early = { now: clock.now, clearTimeout: clock.clearTimeout, setTimeout: (fn: () => void, ms: number) => clock.setTimeout(fn, Math.max(1, ms - 1)) };
    const tm = new TopologyManager({ sfuAvailable: () => true, clock: early, holdDownMs: 15_000, switchTimeoutMs: 0 });
    const changes: Topology[] = [];
    tm.on('change', (_room: string, mode: Topology) => changes.push(mode));
    tm.onParticipantCount('r', 5);
    tm.onParticipantCount('r', 4);
    clock.advance(14_999);
    expect(changes).toEqual(['sfu']);
    clock.advance(1);
    expect(changes).toEqual(['sfu', 'mesh']);
    expect(clock.pending).toBe(0);
  });

  it('a room another node owns is counted but never decided here: it takes the owner\'s modes, and decides from count and mode once led', () => {
    const { tm, changes, clock, setAvailable } = setup({ holdDownMs: 1000 });
    tm.lead('r', false);
    expect(tm.onParticipantCount('r', 6)).toBe('mesh');
    setAvailable(false);
    setAvailable(true);
    expect(changes).toEqual([]);
    tm.follow('r', 'sfu');
    expect(tm.mode('r')).toBe('sfu');
    expect(tm.onParticipantCount('r', 3)).toBe('sfu');
    clock.advance(5000);
    expect(changes).toEqual([]);
    // Taken over: the room is small and on the SFU, so a fresh hold-down runs, then this node announces.
    tm.lead('r', true);
    expect(changes).toEqual([]);
    clock.advance(1000);
    expect(changes).toEqual([['r', 'mesh', 'hold-down']]);
    // A room emptied and met again is led by default.
    tm.lead('r', false);
    tm.onParticipantCount('r', 0);
    tm.onParticipantCount('r', 5);
    expect(changes.at(-1)).toEqual(['r', 'sfu', 'grow']);
  });

  it('follow() does nothing to a room this node leads', () => {
    const { tm, changes } = setup();
    tm.onParticipantCount('r', 2);
    tm.follow('r', 'sfu');
    expect(tm.mode('r')).toBe('mesh');
    expect(changes).toEqual([]);
  });
});
