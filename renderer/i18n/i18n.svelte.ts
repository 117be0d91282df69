/**
 * The UI language. Components call `t('area.key', { name })`; reading the locale inside `t` makes
 * every translated text re-render when the language changes. The locale comes from the browser's
 * (or OS's) preferred languages unless the user picked one. Texts made outside components use
 * `text` from ./text, which follows the same choice.
 */
import { numberFormat, timeFormat, translate, type Params } from './translate';
import { currentLocale, systemLocale, useLocale } from './text';
import type { Locale, MessageKey } from './catalog';

export type { Locale, MessageKey };

const state = $state<{ locale: Locale }>({ locale: currentLocale() });

/** The current UI language. */
export function locale(): Locale {
  return state.locale;
}

/** Switches the UI language; 'system' follows the browser or OS again. `<html lang>` follows. */
export function setLocale(choice: Locale | 'system'): void {
  state.locale = choice === 'system' ? systemLocale() : choice;
  useLocale(state.locale);
  if (typeof document !== 'undefined') document.documentElement.lang = state.locale;
}

/** A translated message. */
export function t(key: MessageKey, params?: Params): string {
  return translate(state.locale, key, params);
}

/** A time of day in the current language (chat timestamps). */
export function formatTime(at: Date | number): string {
  return timeFormat(state.locale).format(at);
}

/** A number in the current language. */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return options ? new Intl.NumberFormat(state.locale, options).format(n) : numberFormat(state.locale).format(n);
}
