import { BROWSER_DEFAULT, initialChoice } from './choice';

describe('initialChoice', () => {
  it('browser: off until chosen, then the remembered choice', () => {
    expect(BROWSER_DEFAULT).toBe(false);
    expect(initialChoice({ desktop: null, remembered: '' })).toEqual({ on: false, locked: false });
    expect(initialChoice({ desktop: null, remembered: 'on' })).toEqual({ on: true, locked: false });
    expect(initialChoice({ desktop: null, remembered: 'off' })).toEqual({ on: false, locked: false });
  });

  it('desktop: the setting (on by default), which the in-app toggle writes too; a browser choice left in prefs does not count', () => {
    expect(initialChoice({ desktop: { value: true, managed: false }, remembered: '' })).toEqual({ on: true, locked: false });
    expect(initialChoice({ desktop: { value: false, managed: false }, remembered: '' })).toEqual({ on: false, locked: false });
    expect(initialChoice({ desktop: { value: true, managed: false }, remembered: 'off' })).toEqual({ on: true, locked: false });
  });

  it('desktop: a value fixed by policy wins over any choice and is locked', () => {
    expect(initialChoice({ desktop: { value: false, managed: true }, remembered: 'on' })).toEqual({ on: false, locked: true });
    expect(initialChoice({ desktop: { value: true, managed: true }, remembered: 'off' })).toEqual({ on: true, locked: true });
  });
});
