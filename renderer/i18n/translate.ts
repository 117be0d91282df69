/** Pure message lookup and formatting, testable without Svelte. */
import type { Message } from './catalog-types';
import { CATALOGS, LOCALES, type Locale, type MessageKey } from './catalog';

export type Params = Readonly<Record<string, string | number>>;

/** The first supported language among the user's preferred ones (BCP 47 tags), else English. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const hit = LOCALES.find((l) => l === base);
    if (hit) return hit;
  }
  return 'en';
}

/** A stored language choice ('system', or a supported locale); anything else reads as 'system'. */
export function toLocaleChoice(value: unknown): Locale | 'system' {
  return LOCALES.find((l) => l === value) ?? 'system';
}

/** One formatter of each kind per locale: building an Intl formatter costs far more than using one, and the UI formats on every render. */
function perLocale<F>(make: (locale: Locale) => F): (locale: Locale) => F {
  const made = new Map<Locale, F>();
  return (locale) => {
    let f = made.get(locale);
    if (!f) made.set(locale, (f = make(locale)));
    return f;
  };
}

const pluralRules = perLocale((l) => new Intl.PluralRules(l));
export const numberFormat = perLocale((l) => new Intl.NumberFormat(l));
export const timeFormat = perLocale((l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit' }));

function choose(message: Message, locale: Locale, params: Params | undefined): string {
  if (typeof message === 'string') return message;
  const count = Number(params?.count ?? 0);
  if (count === 0 && message.zero !== undefined) return message.zero;
  const form = pluralRules(locale).select(count) as keyof typeof message;
  return message[form] ?? message.other;
}

/** The message for `key` in `locale` with `{name}` placeholders filled (numbers formatted for the locale). */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const message = CATALOGS[locale][key] ?? CATALOGS.en[key];
  const text = choose(message, locale, params);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat(locale).format(value) : value;
  });
}
