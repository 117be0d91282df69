/**
 * What one participant does reaches the others: mute and camera-off states, chat with an unread
 * badge, leaving, and a tab that disappears without saying goodbye.
 */
import type { Locator } from 'playwright-core';
import { remoteTiles, sampleFlow, waitFor, waitForMediaFromAll } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import type { CallUser } from '../harness/ui';
import { useStack } from './stack';

jest.setTimeout(90_000);

const stack = useStack();
let ada: CallUser;
let ben: CallUser;
let cy: CallUser;
let room: string;

/** Waits until the locator matches `count` elements, at most `timeoutMs` after `since`; returns the elapsed ms. */
async function within(what: string, loc: Locator, count: number, since: number, timeoutMs: number): Promise<number> {
  await waitFor(what, () => loc.count(), (c) => c === count, { timeoutMs: Math.max(0, since + timeoutMs - Date.now()), intervalMs: 25 });
  return Date.now() - since;
}

beforeAll(async () => {
  room = uniqueRoom('controls');
  ada = await stack.user('Ada');
  ben = await stack.user('Ben');
  cy = await stack.user('Cy');
  await stack.diagnose('three join', async () => {
    for (const u of [ada, ben, cy]) await u.enter(stack.app.url, room);
    await Promise.all([ada, ben, cy].map((u) => waitForMediaFromAll(u.page, 2, 40_000)));
  });
}, 150_000);

describe('call controls reach the others', () => {
  it('mute propagates within 1 s, and unmute', async () => {
    await stack.diagnose('mute', async () => {
      const mutedAtBen = ben.remoteTile('Ada').getByTestId('tile-muted');
      expect(await mutedAtBen.count()).toBe(0);
      let t0 = Date.now();
      await ada.button('Mute microphone').click();
      const ms = await within("Ben sees Ada's tile-muted", mutedAtBen, 1, t0, 1000);
      await ada.button('Unmute microphone').waitFor({ state: 'visible', timeout: 1000 });
      expect(await ada.button('Unmute microphone').getAttribute('aria-pressed')).toBe('true');
      // Cy sees it too.
      await within("Cy sees Ada's tile-muted", cy.remoteTile('Ada').getByTestId('tile-muted'), 1, t0, 1000);

      t0 = Date.now();
      await ada.button('Unmute microphone').click();
      const back = await within("Ben no longer sees Ada's tile-muted", mutedAtBen, 0, t0, 1000);
      expect(await ada.button('Mute microphone').getAttribute('aria-pressed')).toBe('false');
      console.info(`mute reached Ben in ${ms} ms, unmute in ${back} ms`);
    });
  });

  it('camera off propagates within 1 s with the video element kept mounted, and back on with frames again', async () => {
    await stack.diagnose('camera', async () => {
      const offAtBen = ben.remoteTile('Ada').getByTestId('tile-camera-off');
      expect(await offAtBen.count()).toBe(0);
      let t0 = Date.now();
      await ada.button('Turn camera off').click();
      const ms = await within("Ben sees Ada's tile-camera-off", offAtBen, 1, t0, 1000);
      await ada.button('Turn camera on').waitFor({ state: 'visible', timeout: 1000 });
      expect(await ben.remoteTile('Ada').getByTestId('tile-video').count()).toBe(1);

      t0 = Date.now();
      await ada.button('Turn camera on').click();
      const back = await within("Ben no longer sees Ada's tile-camera-off", offAtBen, 0, t0, 1000);
      // Video from Ada flows again at Ben.
      await waitFor(
        "Ada's video advancing again at Ben",
        () => sampleFlow(ben.page, 1000),
        (s) => s.tiles.some((t) => t.label === 'Ada' && t.framesAfter > t.framesBefore),
        { timeoutMs: 10_000 },
      );
      console.info(`camera off reached Ben in ${ms} ms, camera on in ${back} ms`);
    });
  });

  it('chat arrives and counts as unread while the chat panel is closed', async () => {
    await stack.diagnose('chat', async () => {
      const text = `hello from Ada ${Date.now()}`;
      const unread = ben.page.getByTestId('chat-unread');
      expect(await unread.count()).toBe(0);
      await ada.button('Chat').click();
      await ada.page.getByLabel('Chat message').fill(text);
      await ada.button('Send').click();
      await waitFor("Ada's own message shown", () => ada.page.getByTestId('chat-message').filter({ hasText: text }).count(), (c) => c === 1, {
        timeoutMs: 5000,
      });
      await waitFor("Ben's unread badge shows 1", async () => ((await unread.count()) ? (await unread.textContent())?.trim() : null), (t) => t === '1', {
        timeoutMs: 5000,
      });
      await ben.button('Chat, 1 unread').click(); // the name holds the count the badge shows
      await waitFor("Ben sees Ada's message", () => ben.page.getByTestId('chat-message').filter({ hasText: text }).count(), (c) => c === 1, {
        timeoutMs: 5000,
      });
      await waitFor("Ben's unread badge gone once the panel is open", () => unread.count(), (c) => c === 0, { timeoutMs: 2000 });
    });
  });

  it('leaving removes the tile for the others within 2 s', async () => {
    await stack.diagnose('leave', async () => {
      const t0 = Date.now();
      await cy.button('Leave call').click();
      const [atAda, atBen] = await Promise.all([
        within("Cy's tile gone at Ada", ada.remoteTile('Cy'), 0, t0, 2000),
        within("Cy's tile gone at Ben", ben.remoteTile('Cy'), 0, t0, 2000),
      ]);
      await cy.page.getByRole('heading', { name: 'You left the call' }).waitFor({ state: 'visible', timeout: 2000 });
      await cy.button('Rejoin').waitFor({ state: 'visible', timeout: 2000 });
      console.info(`leave noticed by Ada in ${atAda} ms, by Ben in ${atBen} ms`);
    });
  });

  it('mic and camera chosen off in the lobby: the call starts so, and the camera turned on later reaches the others', async () => {
    await stack.diagnose('lobby toggles', async () => {
      const dee = await stack.user('Dee');
      await dee.openLobby(stack.app.url, room);
      await dee.button('Mute microphone').click();
      await dee.button('Turn camera off').click();
      await dee.button('Turn camera on').waitFor({ state: 'visible', timeout: 2000 });
      await dee.clickJoin();
      await dee.waitInCall();
      const deeAtAda = ada.remoteTile('Dee');
      await within("Ada sees Dee's tile-muted", deeAtAda.getByTestId('tile-muted'), 1, Date.now(), 10_000);
      expect(await deeAtAda.getByTestId('tile-camera-off').count()).toBe(1);
      expect(await dee.button('Unmute microphone').getAttribute('aria-pressed')).toBe('true');
      // Dee joined without a camera track: turning it on adds one (a renegotiation), and Ada decodes it.
      await dee.button('Turn camera on').click();
      await within("Ada no longer sees Dee's tile-camera-off", deeAtAda.getByTestId('tile-camera-off'), 0, Date.now(), 5000);
      await waitFor(
        "Ada decodes Dee's video",
        async () => (await remoteTiles(ada.page)).find((t) => t.label === 'Dee'),
        (t) => !!t && t.frames > 5,
        { timeoutMs: 15_000 },
      );
      await dee.button('Leave call').click();
      await within("Dee's tile gone at Ada", deeAtAda, 0, Date.now(), 2000);
    });
  });

  it('a tab closed abruptly is noticed within 10 s', async () => {
    await stack.diagnose('abrupt close', async () => {
      expect(await ada.remoteTile('Ben').count()).toBe(1);
      const t0 = Date.now();
      await ben.tp.close(); // the whole context: no beforeunload, no goodbye
      const ms = await within("Ben's tile gone at Ada", ada.remoteTile('Ben'), 0, t0, 10_000);
      const left = await remoteTiles(ada.page);
      expect(left.map((t) => t.label)).toEqual([]);
      console.info(`abrupt close noticed by Ada in ${ms} ms`);
    });
  });
});
