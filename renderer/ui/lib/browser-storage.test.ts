import { browserStorage } from './browser-storage';

describe('browserStorage', () => {
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('is null where the page has no localStorage', () => {
    expect(browserStorage()).toBeNull();
  });

  it('is the page storage when there is one', () => {
    const store = { getItem: () => null, setItem: () => undefined };
    Object.defineProperty(globalThis, 'localStorage', { value: store, configurable: true });
    expect(browserStorage()).toBe(store);
  });

  it('is null, not a throw, when the browser refuses access (disabled storage)', () => {
    Object.defineProperty(globalThis, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
      configurable: true,
    });
    expect(browserStorage()).toBeNull();
  });
});
