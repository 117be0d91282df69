/**
 * Screen share in a mesh call, in Debian Chromium through the browser fallback (getDisplayMedia).
 * Headless Chromium with the harness's --use-fake-ui-for-media-stream and
 * --use-fake-device-for-media-stream picks a source by itself: a synthetic 1280x720 "screen"
 * (label `screen:-3:0`), so no extra flag is needed and nothing is faked in the app. One room, in
 * order: 3 people → Ada shares → Ben and Cy decode Ada's camera and her share at once (two
 * different streams, the share large, the cameras in a strip) → Dee joins mid-share and gets it
 * too → Ada stops → the share tile goes everywhere and the cameras go on.
 */
import { waitForMediaFromAll } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import { expectShareBesideCamera, joiners, ownId, waitForNoShare, waitForShareAndCamera } from './share-probes';
import { useStack } from './stack';

jest.setTimeout(120_000);

const stack = useStack();
const { inCall, add } = joiners(stack, uniqueRoom('share'), ['Ada', 'Ben', 'Cy', 'Dee']);

describe('screen share in a mesh call', () => {
  let adaId = '';

  it('3 people: Ada shares, Ben and Cy receive her camera and her share at the same time', async () => {
    await add();
    await add();
    await add();
    await stack.diagnose('3-person call media', () => Promise.all(inCall.map((u) => waitForMediaFromAll(u.page, 2, 40_000))));
    const [ada, ...viewers] = inCall;
    adaId = await ownId(ada.page);
    await ada.button('Share screen').click();
    await stack.diagnose('Ada sharing', async () => {
      await ada.page.getByTestId('share-banner').waitFor({ timeout: 15_000 });
      await ada.button('Stop sharing screen').waitFor({ timeout: 5000 });
      expect(await ada.button('Stop sharing screen').getAttribute('aria-pressed')).toBe('true');
    });
    const flows = await stack.diagnose('share received', () => Promise.all(viewers.map((v) => waitForShareAndCamera(v.page, adaId, 30_000))));
    flows.forEach((f, i) => expectShareBesideCamera(viewers[i].name, f));
    // The sharer sees no tile of her own share (no mirror of a mirror).
    expect(await ada.page.getByTestId('share-tile').count()).toBe(0);
  });

  it('a participant who joins during the share gets the share and the camera too', async () => {
    const dee = await add();
    const f = await stack.diagnose('late joiner share', () => waitForShareAndCamera(dee.page, adaId, 30_000));
    expectShareBesideCamera('Dee', f);
  });

  it('Stop sharing removes the share tile everywhere; the cameras go on', async () => {
    const [ada, ...viewers] = inCall;
    await ada.button('Stop sharing').click();
    await stack.diagnose('share stopped', async () => {
      await ada.page.getByTestId('share-banner').waitFor({ state: 'detached', timeout: 10_000 });
      await Promise.all(viewers.map((v) => waitForNoShare(v.page, 15_000)));
      await Promise.all(inCall.map((u) => waitForMediaFromAll(u.page, 3, 20_000)));
    });
    expect(await ada.button('Share screen').getAttribute('aria-pressed')).toBe('false');
  });
});
