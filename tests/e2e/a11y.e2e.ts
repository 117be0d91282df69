/**
 * WCAG 2.1 AA as axe-core checks it, on every view a person meets: the start page, page not found,
 * the settings page, the lobby (also of a dead link), the call of two, the call with each of its panels open
 * (participants, chat, background effects) and the end screen. Also: no request of those page loads fails (the app's icons and manifest exist).
 */
import type { Page } from 'playwright-core';
import { axeViolations, formatViolations } from '../harness/axe';
import { waitForMediaFromAll } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import type { CallUser } from '../harness/ui';
import { useStack } from './stack';

// No timing is judged here; a loaded machine only makes it slow.
jest.setTimeout(300_000);

const stack = useStack();
let ada: CallUser;
let ben: CallUser;
/** Every request answered 4xx/5xx or failed, per page, from the first load on. */
const failed = new Map<Page, string[]>();

async function expectAccessible(user: CallUser, where: string): Promise<void> {
  const violations = await axeViolations(user.page);
  expect(formatViolations(`${user.name}, ${where}`, violations)).toBe('');
}

function recordFailures(user: CallUser): void {
  const list: string[] = [];
  failed.set(user.page, list);
  user.page.on('response', (res) => void (res.status() >= 400 && list.push(`${res.status()} ${res.request().method()} ${res.url()}`)));
  user.page.on('requestfailed', (req) => list.push(`failed (${req.failure()?.errorText}) ${req.method()} ${req.url()}`));
}

beforeAll(async () => {
  ada = await stack.user('Ada');
  ben = await stack.user('Ben');
  recordFailures(ada);
  recordFailures(ben);
}, 60_000);

describe('axe-core finds no WCAG 2.1 AA violation', () => {
  const room = uniqueRoom('a11y');

  it('on the start page', async () => {
    await stack.diagnose('start page', async () => {
      await ada.page.goto(`${stack.app.url}/`);
      await ada.page.getByRole('button', { name: 'Start a meeting' }).waitFor({ state: 'visible' });
      await expectAccessible(ada, 'start page');
    });
  });

  it('on the page-not-found page', async () => {
    await stack.diagnose('not found', async () => {
      await ben.page.goto(`${stack.app.url}/nowhere/at/all`);
      await ben.page.getByRole('heading', { name: 'Page not found' }).waitFor({ state: 'visible' });
      await expectAccessible(ben, 'page not found');
    });
  });

  it('on the settings page (as a browser shows it; the desktop window adds its own sections)', async () => {
    await stack.diagnose('settings', async () => {
      await ben.page.goto(`${stack.app.url}/settings`);
      await ben.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ state: 'visible' });
      await expectAccessible(ben, 'settings page');
    });
  });

  it('in the lobby of a link that leads nowhere (the refusal shown)', async () => {
    await stack.diagnose('dead link', async () => {
      // Its own page: the refused session is a 404 that the page-load check below must not count.
      const cy = await stack.user('Cy');
      await cy.page.goto(`${stack.app.url}/room/aaaa-bbbb-cccc-dddd-eeee`);
      await cy.page.getByLabel('Display name').fill('Cy');
      await cy.page.locator('[data-testid="lobby-status"][data-server="refused"]').waitFor();
      await expectAccessible(cy, 'lobby of a dead link');
      await cy.close();
    });
  });

  it('in the lobby', async () => {
    await stack.diagnose('lobby', async () => {
      await ada.openLobby(stack.app.url, room);
      await expectAccessible(ada, 'lobby');
    });
  });

  it('in a call of two', async () => {
    await stack.diagnose('call', async () => {
      await ada.clickJoin();
      await ada.waitInCall();
      await ben.enter(stack.app.url, room);
      await Promise.all([ada, ben].map((u) => waitForMediaFromAll(u.page, 1, 40_000)));
      await expectAccessible(ada, 'call view (host)');
      await expectAccessible(ben, 'call view (guest)');
    });
  });

  it('with the participants panel open', async () => {
    await stack.diagnose('participants panel', async () => {
      for (const u of [ada, ben]) {
        await u.button('Participants, 2').click(); // the name holds the count it shows
        await u.page.getByTestId('participant-list').waitFor({ state: 'visible' });
        await expectAccessible(u, 'participants panel');
      }
    });
  });

  it('with the chat panel open, a message in it', async () => {
    await stack.diagnose('chat panel', async () => {
      await ada.button('Chat').click();
      await ada.page.getByLabel('Chat message').fill('hello');
      await ada.button('Send').click();
      await ada.page.getByTestId('chat-message').waitFor({ state: 'visible' });
      await expectAccessible(ada, 'chat panel');
    });
  });

  it('with the background effects panel open', async () => {
    await stack.diagnose('effects panel', async () => {
      if (await ada.page.getByRole('complementary').count()) await ada.button('Close panel').click(); // the chat, if its test failed early
      await ada.button('Background effects').click();
      await ada.page.getByRole('dialog', { name: 'Background effects' }).waitFor({ state: 'visible' });
      await expectAccessible(ada, 'background effects panel');
      await ada.button('Background effects').click();
    });
  });

  it('on the end screen', async () => {
    await stack.diagnose('end screen', async () => {
      await ben.button('Leave call').click();
      await ben.page.getByRole('heading', { name: 'You left the call' }).waitFor({ state: 'visible' });
      await expectAccessible(ben, 'end screen');
    });
  });
});

describe('page loads', () => {
  it('made no request that failed (favicon, manifest, icons, scripts)', () => {
    // The browser's own favicon request is no page request: only its console line shows it.
    const failedLoads = (u: CallUser) => [...(failed.get(u.page) ?? []), ...u.tp.errors.filter((l) => l.includes('Failed to load resource'))];
    const lines = [ada, ben].flatMap((u) => failedLoads(u).map((l) => `${u.name}: ${l}`));
    expect(lines.join('\n')).toBe('');
  });

  it('declare an icon and a web app manifest whose icons load', async () => {
    await stack.diagnose('icons', async () => {
      const found = await ada.page.evaluate(async () => {
        const get = async (href: string) => {
          const res = await fetch(href);
          return { href: new URL(href, location.href).pathname, status: res.status, type: res.headers.get('content-type') };
        };
        const icons = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"], link[rel="apple-touch-icon"]')].map((l) => l.href);
        const manifestHref = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href;
        const manifest = manifestHref ? ((await (await fetch(manifestHref)).json()) as { icons?: { src: string }[] }) : null;
        const fromManifest = (manifest?.icons ?? []).map((i) => new URL(i.src, manifestHref).href);
        return { manifest: manifestHref ? await get(manifestHref) : null, icons: await Promise.all([...icons, ...fromManifest].map(get)) };
      });
      expect(found.manifest).toEqual(expect.objectContaining({ status: 200, type: expect.stringMatching(/^application\/manifest\+json/) }));
      expect(found.icons.length).toBeGreaterThan(1);
      for (const icon of found.icons) expect(icon).toEqual(expect.objectContaining({ status: 200, type: expect.stringMatching(/^image\//) }));
    });
  });
});
