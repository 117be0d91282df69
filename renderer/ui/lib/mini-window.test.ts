import { MiniWindowDismissal, miniWindowWanted, pickSpeaker } from './mini-window';
import type { MiniWindowInputs } from './mini-window';
import type { ParticipantView } from '../../call/api';

const base: MiniWindowInputs = { inCall: true, desktop: true, windowState: 'normal', focused: true, sharing: false, poppedOut: false };

describe('miniWindowWanted', () => {
  it('desktop: open while the app window is minimised or hidden during a call, closed when it is back', () => {
    expect(miniWindowWanted(base)).toBe(false);
    expect(miniWindowWanted({ ...base, windowState: 'minimized', focused: false })).toBe(true);
    expect(miniWindowWanted({ ...base, windowState: 'hidden', focused: false })).toBe(true);
    expect(miniWindowWanted({ ...base, focused: false })).toBe(false); // behind another window, not sharing
  });

  it('desktop: open while we share and the user works elsewhere; closed when they look at the call again', () => {
    expect(miniWindowWanted({ ...base, sharing: true, focused: false })).toBe(true);
    expect(miniWindowWanted({ ...base, sharing: true, focused: true })).toBe(false);
  });

  it('never outside a call', () => {
    expect(miniWindowWanted({ ...base, inCall: false, windowState: 'minimized', sharing: true, focused: false })).toBe(false);
    expect(miniWindowWanted({ ...base, desktop: false, inCall: false, poppedOut: true })).toBe(false);
  });

  it('browser: only after Pop out, whatever the focus', () => {
    const browser = { ...base, desktop: false };
    expect(miniWindowWanted({ ...browser, sharing: true, focused: false })).toBe(false);
    expect(miniWindowWanted({ ...browser, poppedOut: true })).toBe(true);
  });
});

describe('MiniWindowDismissal', () => {
  it('keeps a window the user closed shut until the reason for it has passed', () => {
    const d = new MiniWindowDismissal();
    expect(d.open(true)).toBe(true);
    d.dismiss();
    expect(d.open(true)).toBe(false);
    expect(d.open(false)).toBe(false);
    expect(d.open(true)).toBe(true);
  });
});

describe('pickSpeaker', () => {
  const p = (id: string, speaking = false, isLocal = false) => ({ id, speaking, isLocal }) as ParticipantView;

  it('shows a remote speaker, and keeps the one shown while they speak', () => {
    expect(pickSpeaker([p('me', true, true), p('a'), p('b', true)], null)?.id).toBe('b');
    expect(pickSpeaker([p('me', false, true), p('a', true), p('b', true)], 'b')?.id).toBe('b');
  });

  it('keeps the last one shown through silence, then falls back to the first remote one, then to us', () => {
    expect(pickSpeaker([p('me', true, true), p('a'), p('b')], 'b')?.id).toBe('b');
    expect(pickSpeaker([p('me', false, true), p('a'), p('b')], 'gone')?.id).toBe('a');
    expect(pickSpeaker([p('me', false, true)], null)?.id).toBe('me');
    expect(pickSpeaker([], null)).toBeNull();
  });
});
