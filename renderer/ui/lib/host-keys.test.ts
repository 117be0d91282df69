import { hostKeyFor, keepHostKey } from './host-keys';

/** A Storage over a Map. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

it('keeps the newest 50 host keys and finds each by meeting', () => {
  const s = memoryStorage();
  for (let i = 0; i < 60; i++) keepHostKey(`m${i}`, `key-${i}`, s);
  expect(hostKeyFor('m59', s)).toBe('key-59');
  expect(hostKeyFor('m10', s)).toBe('key-10');
  expect(hostKeyFor('m9', s)).toBeUndefined();
  expect(hostKeyFor('m0', null)).toBeUndefined();
});

it('reads garbage in storage as nothing kept', () => {
  const s = memoryStorage();
  s.setItem('confer.hostKeys', '{not json');
  expect(hostKeyFor('m', s)).toBeUndefined();
  keepHostKey('m', 'k', s);
  expect(hostKeyFor('m', s)).toBe('k');
});
