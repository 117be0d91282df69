/**
 * The UI speaks the browser's language: a Chromium that prefers German shows the start page, the
 * lobby and the call's toolbar in German (<html lang="de">), and the start page's language menu
 * switches to English and is remembered.
 */
import { MEETING_ID_PATTERN } from '../../protocol/meetings';
import type { CallUser } from '../harness/ui';
import { useStack } from './stack';

jest.setTimeout(90_000);

const stack = useStack({ browser: { language: 'de' } });
let ada: CallUser;

beforeAll(async () => {
  ada = await stack.user('Ada');
}, 60_000);

const lang = () => ada.page.evaluate(() => document.documentElement.lang);

describe('German from the browser language', () => {
  it('shows the start page, the lobby and the toolbar in German', async () => {
    await stack.diagnose('german call', async () => {
      const page = ada.page;
      await page.goto(`${stack.app.url}/`);
      expect(await page.evaluate(() => navigator.languages)).toEqual(['de']);
      expect(await lang()).toBe('de');
      await page.getByLabel('Warteraum: Ich lasse Personen herein').setChecked(false);
      await page.getByRole('button', { name: 'Meeting starten' }).click();
      await page.waitForURL(/\/room\/[^/]+$/, { timeout: 20_000 });
      expect(decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')).toMatch(MEETING_ID_PATTERN);

      // The lobby.
      await page.getByLabel('Anzeigename').fill('Ada');
      await page.getByRole('heading', { name: /^Beitritt zu / }).waitFor();
      await page.getByLabel('Kamera', { exact: true }).waitFor();
      await page.getByRole('group', { name: 'Vor dem Beitritt' }).getByRole('button', { name: 'Mikrofon stummschalten' }).waitFor();
      const status = page.getByTestId('lobby-status');
      await page.locator('[data-testid="lobby-status"][data-server="ready"]').waitFor({ timeout: 20_000 });
      expect((await status.textContent())?.trim()).toBe('Bereit zum Beitreten');

      // The call.
      await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
      const toolbar = page.getByRole('toolbar', { name: 'Anrufsteuerung' });
      await toolbar.getByRole('button', { name: 'Anruf verlassen' }).waitFor({ timeout: 20_000 });
      for (const name of ['Kamera ausschalten', 'Bildschirm teilen', 'Hand heben', 'Chat', 'Einladungslink kopieren']) {
        expect(await toolbar.getByRole('button', { name, exact: true }).count()).toBe(1);
      }
      // Its name holds the count it shows, in German too.
      expect(await toolbar.getByRole('button', { name: /^Teilnehmende, 1$/ }).count()).toBe(1);
      await toolbar.getByRole('button', { name: 'Mikrofon stummschalten' }).click();
      await toolbar.getByRole('button', { name: 'Mikrofon einschalten' }).waitFor({ timeout: 5000 });
      expect(await page.getByTestId('tile-name').first().textContent()).toBe('Ada (Sie)');
      expect(await lang()).toBe('de');
      await toolbar.getByRole('button', { name: 'Anruf verlassen' }).click();
      await page.getByRole('heading', { name: 'Sie haben den Anruf verlassen' }).waitFor({ timeout: 10_000 });
    });
  });

  it("the start page's language menu switches to English and remembers it", async () => {
    await stack.diagnose('language menu', async () => {
      const page = ada.page;
      await page.goto(`${stack.app.url}/`);
      await page.getByLabel('Sprache').selectOption('en');
      await page.getByRole('button', { name: 'Start a meeting' }).waitFor({ timeout: 5000 });
      expect(await lang()).toBe('en');
      await page.reload();
      await page.getByRole('button', { name: 'Start a meeting' }).waitFor({ timeout: 20_000 });
      expect(await lang()).toBe('en');
      await page.getByLabel('Language').selectOption('system');
      await page.getByRole('button', { name: 'Meeting starten' }).waitFor({ timeout: 5000 });
      expect(await lang()).toBe('de');
    });
  });
});
