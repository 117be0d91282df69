import { createShortcutRegistrar, PUSH_TO_TALK_HOLD_MS } from './registrar';
import type { Shortcuts } from './registrar';
import type { TrayAction } from '../../protocol/ipc/tray';
import { globalShortcut41 } from '../testing/electron41';

const OFF: Shortcuts = { pushToTalkShortcut: '', toggleMuteShortcut: '' };

function setup(initial: Partial<Shortcuts>, takenByOthers: string[] = []) {
  jest.useFakeTimers();
  const gs = globalShortcut41(takenByOthers);
  const sent: TrayAction[] = [];
  const problems: string[] = [];
  const registrar = createShortcutRegistrar(
    {
      globalShortcut: gs.port,
      send: (a) => sent.push(a),
      problem: (m) => problems.push(m),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t as NodeJS.Timeout),
    },
    { ...OFF, ...initial },
  );
  return { gs, sent, problems, registrar };
}

afterEach(() => jest.useRealTimers());

describe('shortcut registrar', () => {
  it('registers nothing while both settings are off (the default)', () => {
    const { gs, problems } = setup({});
    expect([...gs.registered.keys()]).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('sends toggle-mute on each press of the mute shortcut', () => {
    const { gs, sent } = setup({ toggleMuteShortcut: 'CommandOrControl+Shift+M' });
    gs.press('CommandOrControl+Shift+M');
    gs.press('CommandOrControl+Shift+M');
    expect(sent).toEqual(['toggle-mute', 'toggle-mute']);
  });

  it('push-to-talk: one start while presses repeat, one end after they stop for the hold time', () => {
    const { gs, sent } = setup({ pushToTalkShortcut: 'F8' });
    gs.press('F8');
    for (let i = 0; i < 10; i++) {
      jest.advanceTimersByTime(PUSH_TO_TALK_HOLD_MS / 4); // key auto-repeat, ~30 per second
      gs.press('F8');
    }
    expect(sent).toEqual(['push-to-talk-start']);
    jest.advanceTimersByTime(PUSH_TO_TALK_HOLD_MS - 1);
    expect(sent).toEqual(['push-to-talk-start']);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual(['push-to-talk-start', 'push-to-talk-end']);
    gs.press('F8');
    expect(sent).toEqual(['push-to-talk-start', 'push-to-talk-end', 'push-to-talk-start']);
  });

  it('reports an accelerator another app holds as a problem and leaves it off', () => {
    const { gs, problems } = setup({ toggleMuteShortcut: 'Alt+M' }, ['Alt+M']);
    expect(gs.registered.has('Alt+M')).toBe(false);
    expect(problems).toEqual(['the mute toggle shortcut "Alt+M" is taken by the system or another app; it is off']);
  });

  it('reports an accelerator Electron cannot parse instead of throwing', () => {
    const { problems } = setup({ pushToTalkShortcut: 'Shift+Foo' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/push-to-talk shortcut "Shift\+Foo" is not a valid accelerator/);
  });

  it('refuses the same accelerator for both shortcuts with a clear problem', () => {
    const { gs, problems, sent } = setup({ toggleMuteShortcut: 'F9', pushToTalkShortcut: 'F9' });
    expect(problems).toEqual(['the push-to-talk shortcut "F9" is already the mute toggle shortcut; it is off']);
    gs.press('F9');
    expect(sent).toEqual(['toggle-mute']);
  });

  it('update swaps, changes and turns off accelerators; an unchanged refusal is not reported again', () => {
    const { gs, registrar, problems, sent } = setup({ toggleMuteShortcut: 'F9', pushToTalkShortcut: 'F8' }, ['F7']);
    registrar.update({ toggleMuteShortcut: 'F8', pushToTalkShortcut: 'F9' });
    gs.press('F8');
    expect(sent).toEqual(['toggle-mute']);
    registrar.update({ toggleMuteShortcut: 'F7', pushToTalkShortcut: 'F9' });
    registrar.update({ toggleMuteShortcut: 'F7', pushToTalkShortcut: '' });
    expect([...gs.registered.keys()]).toEqual([]);
    expect(problems).toHaveLength(1);
  });

  it('turning push-to-talk off (or dispose) during a hold ends the hold, so the microphone does not stay open', () => {
    const { gs, registrar, sent } = setup({ pushToTalkShortcut: 'F8', toggleMuteShortcut: 'F9' });
    gs.press('F8');
    registrar.dispose();
    expect(sent).toEqual(['push-to-talk-start', 'push-to-talk-end']);
    expect([...gs.registered.keys()]).toEqual([]);
    jest.advanceTimersByTime(PUSH_TO_TALK_HOLD_MS * 2);
    expect(sent).toHaveLength(2);
  });
});
