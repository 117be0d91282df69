import { pickLocale, toLocaleChoice, translate } from './translate';
import { CATALOGS, LOCALES } from './catalog';

describe('translate', () => {
  it('picks the first supported preferred language, else English', () => {
    expect(pickLocale(['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(pickLocale(['EN-gb'])).toBe('en');
    expect(pickLocale(['fr', 'es'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('reads a stored language choice, anything unknown as system', () => {
    expect(toLocaleChoice('de')).toBe('de');
    expect(toLocaleChoice('system')).toBe('system');
    expect(toLocaleChoice('fr')).toBe('system');
    expect(toLocaleChoice(undefined)).toBe('system');
  });

  it('looks messages up by language', () => {
    expect(translate('en', 'common.cancel')).toBe('Cancel');
    expect(translate('de', 'common.cancel')).toBe('Abbrechen');
  });

  it('chooses the plural form by count and formats numbers for the language', () => {
    expect(translate('en', 'common.participants', { count: 1 })).toBe('1 participant');
    expect(translate('en', 'common.participants', { count: 1200 })).toBe('1,200 participants');
    expect(translate('de', 'common.participants', { count: 1200 })).toBe('1.200 Personen');
  });

  it('every language has a non-empty message for every English key', () => {
    const keys = Object.keys(CATALOGS.en);
    for (const locale of LOCALES) {
      expect(Object.keys(CATALOGS[locale]).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const message = CATALOGS[locale][key as keyof typeof CATALOGS.en];
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(`${locale} ${key}: ${text}`.trim()).not.toMatch(/:\s*$/);
      }
    }
  });
});
