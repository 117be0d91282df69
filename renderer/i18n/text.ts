/**
 * The UI language for texts made outside components (toasts, errors, the lobby's status), read
 * when a text is made. Plain TypeScript, so the engine and its unit tests use it without Svelte;
 * `setLocale` in i18n.svelte.ts keeps it in step with the components' (reactive) language.
 */
import { pickLocale, translate, type Params } from './translate';
import type { Locale, MessageKey } from './catalog';

/** The first supported language of the browser's (or OS's) preferred ones, else English. */
export function systemLocale(): Locale {
  return pickLocale(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]));
}

let current: Locale = systemLocale();

export function currentLocale(): Locale {
  return current;
}

/** Sets the language of texts made from now on (i18n.svelte.ts's `setLocale` calls it). */
export function useLocale(next: Locale): void {
  current = next;
}

/** A translated message in the current language, for texts made once (not re-rendered on a change). */
export function text(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}
