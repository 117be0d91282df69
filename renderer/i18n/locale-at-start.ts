/**
 * The UI language at start: the language remembered from the browser's start page (or the
 * browser's/OS's own), then, in the desktop app, its `locale` setting ('system' follows the OS).
 */
import { desktopSettings } from '../desktop/bridge';
import { setLocale } from './i18n.svelte';
import { toLocaleChoice } from './translate';

export async function applyLocaleAtStart(remembered: string): Promise<void> {
  setLocale(toLocaleChoice(remembered));
  const settings = await desktopSettings().catch(() => null);
  if (settings) setLocale(settings.locale);
}
