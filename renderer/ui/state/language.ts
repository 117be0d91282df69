/**
 * The UI language for the whole page. The desktop app keeps the choice in its settings (policy may
 * fix it) and tells every window when it changes; a browser keeps it in the page's prefs.
 */
import { setLocale } from '../../i18n/i18n.svelte';
import { toLocaleChoice } from '../../i18n/translate';
import { desktopApi, desktopSettings, onDesktopSettingsChanged } from '../../desktop/bridge';
import { prefs, setPref } from './prefs.svelte';

export type LanguageChoice = 'system' | 'en' | 'de';

/** The browser's remembered choice ('system' when none or unreadable). */
export function browserLanguage(): LanguageChoice {
  return toLocaleChoice(prefs.locale);
}

/** Remembers and applies a language picked in a browser. */
export function setBrowserLanguage(choice: LanguageChoice): void {
  setPref('locale', choice);
  setLocale(choice);
}

/** Applies the chosen language at start and follows the desktop app's changes. */
export function followLanguage(): void {
  if (!desktopApi()) {
    setLocale(browserLanguage());
    return;
  }
  onDesktopSettingsChanged((s) => setLocale(s.locale));
  desktopSettings()
    .then((s) => s && setLocale(s.locale))
    .catch((e: Error) => console.warn(`language not applied: ${e.message}`));
}
