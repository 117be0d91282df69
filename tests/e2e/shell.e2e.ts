/**
 * Notifications while the call is in the background, in Chromium: the page's Notification is
 * replaced by a recorder and its focus by a switch (both through an init script), so the test
 * judges which notices the product raises, not the OS. Then the mini window popped out of the
 * browser (Document Picture-in-Picture). Correctness only, no timing bounds.
 */
import { waitFor, waitForMediaFromAll } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import type { CallUser } from '../harness/ui';
import { useStack } from './stack';

jest.setTimeout(120_000);

const stack = useStack();
let ada: CallUser;
let ben: CallUser;
let room: string;

interface Recorded {
  title: string;
  body?: string;
}

/** Runs in Ada's page before the app: records notifications, and makes document.hasFocus() follow window.__focused. */
function recordNotifications(): void {
  const w = window as unknown as { __notices: Recorded[]; __focused: boolean; Notification: unknown };
  w.__notices = [];
  w.__focused = true;
  class RecordingNotification {
    static permission = 'granted';
    static requestPermission(): Promise<string> {
      return Promise.resolve('granted');
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options?: { body?: string }) {
      w.__notices.push({ title, body: options?.body });
    }
    close(): void {}
  }
  w.Notification = RecordingNotification;
  Document.prototype.hasFocus = () => w.__focused;
}

const notices = (u: CallUser) => u.page.evaluate(() => (window as unknown as { __notices: Recorded[] }).__notices);
const setFocused = (u: CallUser, focused: boolean) => u.page.evaluate((f) => void ((window as unknown as { __focused: boolean }).__focused = f), focused);

async function say(u: CallUser, text: string): Promise<void> {
  if ((await u.page.getByLabel('Chat message').count()) === 0) await u.counterButton('Chat').click();
  await u.page.getByLabel('Chat message').fill(text);
  await u.button('Send').click();
}

beforeAll(async () => {
  room = uniqueRoom('shell');
  ada = await stack.user('Ada');
  ben = await stack.user('Ben');
  await ada.page.addInitScript(recordNotifications);
  await stack.diagnose('two join', async () => {
    for (const u of [ada, ben]) await u.enter(stack.app.url, room);
    await Promise.all([ada, ben].map((u) => waitForMediaFromAll(u.page, 1, 40_000)));
  });
}, 150_000);

describe('notifications while the call is in the background', () => {
  it('none while the page has the focus', async () => {
    await stack.diagnose('focused', async () => {
      await say(ben, 'hello Ada, while you look');
      await waitFor("Ada's unread badge", () => ada.page.getByTestId('chat-unread').count(), (c) => c === 1, { timeoutMs: 10_000 });
      // Past the 1 s gather: a notice that was coming would be recorded by now.
      await new Promise((r) => setTimeout(r, 2000));
      expect(await notices(ada)).toEqual([]);
    });
  });

  it('a message naming Ada is a mention; a plain one is a message; a join is a join', async () => {
    await stack.diagnose('background', async () => {
      await setFocused(ada, false);
      await say(ben, 'ADA, can you see my screen?');
      await waitFor('the mention notice', () => notices(ada), (n) => n.some((x) => x.title === 'Ben mentioned you'), { timeoutMs: 15_000 });
      expect((await notices(ada)).find((x) => x.title === 'Ben mentioned you')?.body).toBe('ADA, can you see my screen?');

      await say(ben, 'Adam is late');
      await waitFor('the message notice', () => notices(ada), (n) => n.some((x) => x.title === 'Message from Ben'), { timeoutMs: 15_000 });

      const cy = await stack.user('Cy');
      await cy.enter(stack.app.url, room);
      await waitFor('the join notice', () => notices(ada), (n) => n.some((x) => x.title === 'Cy joined the call'), { timeoutMs: 20_000 });
      expect((await notices(ada)).map((x) => x.title).sort()).toEqual(['Ben mentioned you', 'Cy joined the call', 'Message from Ben']);
    });
  });
});

/** What the Picture-in-Picture window shows, read from Ada's page (null while none is open). */
function miniWindow(u: CallUser) {
  return u.page.evaluate(() => {
    const pip = (window as unknown as { documentPictureInPicture?: { window: Window | null } }).documentPictureInPicture;
    const doc = pip?.window?.document;
    const root = doc?.querySelector('[data-testid="mini-window"]');
    if (!doc || !root) return null;
    const video = root.querySelector('video');
    return { speaker: root.querySelector('[data-testid="mini-speaker"]')?.textContent?.trim() ?? '', hasStream: !!video?.srcObject, labels: [...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')) };
  });
}

describe('the mini window in a browser', () => {
  it('Pop out shows the other participant with mute, camera and leave; its mute mutes the call; a click elsewhere closes it', async () => {
    await stack.diagnose('pop out', async () => {
      await setFocused(ada, true);
      const popOut = ada.button('Pop out');
      if ((await popOut.count()) === 0) {
        console.info('this Chromium has no Document Picture-in-Picture: the Pop out button is hidden, nothing to check');
        return;
      }
      await popOut.click();
      const shown = await waitFor('the mini window', () => miniWindow(ada), (m) => m !== null && m.hasStream, { timeoutMs: 10_000 });
      expect(['Ben', 'Cy']).toContain(shown!.speaker);
      expect(shown!.labels).toEqual(['Back to the call window', 'Mute microphone', 'Turn camera off', 'Leave call']);
      await ada.page.evaluate(() => {
        const doc = (window as unknown as { documentPictureInPicture: { window: Window } }).documentPictureInPicture.window.document;
        doc.querySelector<HTMLButtonElement>('button[aria-label="Mute microphone"]')!.click();
      });
      await ada.button('Unmute microphone').waitFor({ state: 'visible', timeout: 10_000 });
      await ada.page.evaluate(() => {
        const doc = (window as unknown as { documentPictureInPicture: { window: Window } }).documentPictureInPicture.window.document;
        doc.querySelector<HTMLButtonElement>('button[aria-label="Back to the call window"]')!.click();
      });
      await waitFor('the mini window closed', () => miniWindow(ada), (m) => m === null, { timeoutMs: 10_000 });
      expect(await popOut.getAttribute('aria-pressed')).toBe('false');
    });
  });
});
