/**
 * Devices during a call: camera and microphone switched from the toolbar's menus in a mesh call
 * and in an SFU call reach the others on the existing connections (replaceTrack: no new
 * RTCPeerConnection anywhere), and a camera removed mid-call falls back to the other one.
 *
 * Chromium runs with three fake cameras (device-count=3); the test uses fake_device_0 (I420) and
 * fake_device_2 (MJPEG): fake_device_1 delivers Y16 frames, which WebRTC does not encode (0 frames
 * sent, checked on Chromium 156), so no call could show it. A switch is proven by the sending
 * track's label on every video sender and by frames still advancing at the receivers. Chromium cannot unplug a fake device: the removal
 * is simulated in the page (enumerateDevices overridden to drop the camera in use, its track
 * stopped, `devicechange` dispatched), which is what the app sees of an unplug.
 *
 * One server: MESH_MAX_PARTICIPANTS=2, so a room of two stays peer to peer and a third person
 * moves another room to Janus. Correctness only; timing belongs to the benches.
 */
import type { Page } from 'playwright-core';
import { sampleFlow, waitFor, waitForMediaFromAll } from '../harness/probes';
import { uniqueRoom, type CallUser } from '../harness/ui';
import { JANUS_PORTS, sfuStats, toJanus } from './sfu-probes';
import { ownId } from './share-probes';
import { useStack } from './stack';

jest.setTimeout(600_000);

const stack = useStack({
  env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, TOPOLOGY_HOLDDOWN_SECONDS: '3', MESH_MAX_PARTICIPANTS: '2' },
  browser: { fakeDeviceCount: 3 },
});

/** The camera in use at the start (the first listed) and the one switched to. */
const CAMERAS = ['fake_device_0', 'fake_device_2'];
const SECOND_MIC = 'Fake Audio Input 2';

/** How many RTCPeerConnections the page ever created (closed ones included). */
const pcCount = (page: Page): Promise<number> => page.evaluate('window.__pcs.length') as Promise<number>;

/** Labels of the tracks on the page's live senders of `kind`. */
const senderLabels = (page: Page, kind: 'audio' | 'video'): Promise<string[]> =>
  page.evaluate(
    `window.__pcs.filter((pc) => pc.connectionState !== 'closed').flatMap((pc) => pc.getSenders())` +
      `.filter((s) => s.track && s.track.kind === '${kind}' && s.track.readyState === 'live').map((s) => s.track.label)`,
  ) as Promise<string[]>;

/** Waits until every live sender of `kind` carries the device called `label`. */
const waitForSending = (user: CallUser, kind: 'audio' | 'video', label: string) =>
  waitFor(`${user.name} sends ${kind} from ${label}`, () => senderLabels(user.page, kind), (l) => l.length > 0 && l.every((x) => x === label), {
    timeoutMs: 20_000,
    intervalMs: 250,
  });

/** Waits until `viewer` decodes advancing video from the participant `senderId` and rising audio on some connection. */
const waitForFlowFrom = (viewer: CallUser, senderId: string) =>
  waitFor(
    `${viewer.name} receives advancing video and audio from ${senderId}`,
    () => sampleFlow(viewer.page, 1500),
    (s) => s.advancingTiles.includes(senderId) && s.risingAudioPcs.length > 0,
    { timeoutMs: 30_000, intervalMs: 0 },
  );

/** Opens a device menu from the keyboard and picks `item` with the arrow keys and Enter. */
async function pickWithKeyboard(user: CallUser, menu: string, item: string): Promise<void> {
  const button = user.button(menu);
  await button.focus();
  await user.page.keyboard.press('Enter');
  const list = user.page.getByRole('menu', { name: menu });
  await list.waitFor({ state: 'visible', timeout: 5000 });
  const target = list.getByRole('menuitemradio', { name: item, exact: true });
  const items = list.getByRole('menuitemradio');
  for (let i = 0; i < (await items.count()); i++) {
    if (await target.evaluate((el) => el === document.activeElement)) break;
    await user.page.keyboard.press('ArrowDown');
  }
  expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
  await user.page.keyboard.press('Enter');
  await list.waitFor({ state: 'hidden', timeout: 5000 });
  // Escape or a choice returns focus to the menu button.
  expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
}

/** The camera menu lists both cameras with exactly `checked` checked. */
async function expectCameraMenu(user: CallUser, checked: string): Promise<void> {
  await user.button('Camera options').click();
  const list = user.page.getByRole('menu', { name: 'Camera options' });
  await list.waitFor({ state: 'visible', timeout: 5000 });
  for (const cam of CAMERAS) {
    await waitFor(`${cam} checked=${cam === checked}`, () => list.getByRole('menuitemradio', { name: cam, exact: true }).getAttribute('aria-checked'), (v) => v === String(cam === checked), {
      timeoutMs: 5000,
    });
  }
  await user.page.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden', timeout: 5000 });
}

/** Switches `user`'s camera and microphone; the others keep receiving, and nobody makes a new connection. */
async function switchBoth(user: CallUser, others: CallUser[]): Promise<void> {
  const all = [user, ...others];
  const before = await Promise.all(all.map((u) => pcCount(u.page)));
  const id = await ownId(user.page);
  await waitForSending(user, 'video', CAMERAS[0]);
  await expectCameraMenu(user, CAMERAS[0]);

  await pickWithKeyboard(user, 'Camera options', CAMERAS[1]);
  await waitForSending(user, 'video', CAMERAS[1]);
  await expectCameraMenu(user, CAMERAS[1]);

  await user.button('Microphone and speaker options').click();
  await user.page.getByRole('menu', { name: 'Microphone and speaker options' }).getByRole('menuitemradio', { name: SECOND_MIC, exact: true }).click();
  await waitForSending(user, 'audio', SECOND_MIC);

  await Promise.all(others.map((o) => waitForFlowFrom(o, id)));
  expect(await Promise.all(all.map((u) => pcCount(u.page)))).toEqual(before);
}

describe('switching devices during a mesh call', () => {
  let ada: CallUser;
  let ben: CallUser;

  beforeAll(async () => {
    const room = uniqueRoom('devices-mesh');
    ada = await stack.user('Ada');
    ben = await stack.user('Ben');
    await stack.diagnose('two join', async () => {
      for (const u of [ada, ben]) await u.enter(stack.app.url, room, 30_000);
      await Promise.all([ada, ben].map((u) => waitForMediaFromAll(u.page, 1, 40_000)));
    });
  }, 150_000);

  afterAll(async () => {
    await Promise.all([ada, ben].map((u) => u.close()));
  });

  it('camera and microphone switched from the menus reach Ben on the same connection', async () => {
    await stack.diagnose('mesh switch', () => switchBoth(ada, [ben]));
  });

  it('the camera in use removed (simulated in the page): falls back to the other camera with a toast; plugged back, it is offered', async () => {
    await stack.diagnose('mesh removal', async () => {
      const before = await Promise.all([pcCount(ada.page), pcCount(ben.page)]);
      const adaId = await ownId(ada.page);
      await ada.page.evaluate(
        `(async () => {
          const md = navigator.mediaDevices;
          window.__realEnumerate = window.__realEnumerate || md.enumerateDevices.bind(md);
          md.enumerateDevices = async () => (await window.__realEnumerate()).filter((d) => d.label !== '${CAMERAS[1]}');
          for (const pc of window.__pcs) for (const s of pc.getSenders()) if (s.track && s.track.label === '${CAMERAS[1]}') s.track.stop();
          md.dispatchEvent(new Event('devicechange'));
        })()`,
      );
      await ada.page.getByTestId('toast').filter({ hasText: `Camera disconnected, using ${CAMERAS[0]}` }).waitFor({ state: 'visible', timeout: 20_000 });
      await waitForSending(ada, 'video', CAMERAS[0]);
      expect(await ada.button('Turn camera off').count()).toBe(1);
      await waitForFlowFrom(ben, adaId);

      // Plugged back in: offered with "Use it", which switches to it.
      await ada.page.evaluate(`navigator.mediaDevices.enumerateDevices = window.__realEnumerate; navigator.mediaDevices.dispatchEvent(new Event('devicechange'))`);
      const offer = ada.page.getByTestId('toast').filter({ hasText: `New camera connected: ${CAMERAS[1]}` });
      await offer.waitFor({ state: 'visible', timeout: 20_000 });
      await offer.getByRole('button', { name: 'Use it' }).click();
      await waitForSending(ada, 'video', CAMERAS[1]);
      await waitForFlowFrom(ben, adaId);
      expect([await pcCount(ada.page), await pcCount(ben.page)]).toEqual(before);
    });
  });
});

describe('switching devices during an SFU call', () => {
  it('camera and microphone switched by Cy reach Dee and Eve through Janus on the same connections', async () => {
    const room = uniqueRoom('devices-sfu');
    const people: CallUser[] = [];
    await stack.diagnose('three join (the third moves the room to Janus)', async () => {
      for (const name of ['Cy', 'Dee', 'Eve']) {
        const u = await stack.user(name);
        await u.enter(stack.app.url, room, 30_000);
        people.push(u);
      }
      const janusOnly = (pcs: Awaited<ReturnType<typeof sfuStats>>) =>
        pcs.length > 0 && pcs.every((pc) => pc.state === 'connected' && toJanus(pc)) && pcs.some((pc) => pc.inVideo.filter((v) => v.frames > 0).length === 2);
      await Promise.all(people.map((u) => waitFor(`${u.name}: 2 videos via Janus only`, () => sfuStats(u.page), janusOnly, { timeoutMs: 60_000, intervalMs: 500 })));
    });
    const [cy, ...others] = people;
    await stack.diagnose('sfu switch', () => switchBoth(cy, others));
  });
});
