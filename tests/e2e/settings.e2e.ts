/**
 * The settings page in a plain browser: only what a browser can use (devices, background,
 * language), and the language chosen there applies at once and is remembered.
 */
import { useStack } from './stack';

jest.setTimeout(90_000);

const stack = useStack();

describe('settings page in the browser', () => {
  it('shows the browser’s settings and switches the language, remembered across a reload', async () => {
    const ada = await stack.user('Ada');
    const page = ada.page;
    await stack.diagnose('settings language', async () => {
      await page.goto(`${stack.app.url}/settings`);
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: 20_000 });
      // Desktop-only settings are not offered in a browser.
      expect(await page.getByLabel('Server address').count()).toBe(0);
      expect(await page.getByLabel('Start Confer when I log in').count()).toBe(0);
      // The fake camera of the test browser is listed (camera permission is granted).
      await page.getByLabel('Camera').waitFor();
      await page.getByTestId('effects-picker').waitFor();

      await page.getByLabel('Language').selectOption('de');
      await page.getByRole('heading', { name: 'Einstellungen', level: 1 }).waitFor({ timeout: 5_000 });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      expect(await page.title()).toBe('Einstellungen · Confer');

      await page.reload();
      await page.getByRole('heading', { name: 'Einstellungen', level: 1 }).waitFor({ timeout: 20_000 });
      expect(await page.getByLabel('Sprache').inputValue()).toBe('de');

      await page.getByLabel('Sprache').selectOption('system');
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: 5_000 });
      // No script errors; the only failed request is the browser's own favicon probe (the app has none).
      expect(ada.tp.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
      expect(ada.tp.console.filter((l) => l.startsWith('[http ') && !l.endsWith('/favicon.ico'))).toEqual([]);
    });
  });
});
