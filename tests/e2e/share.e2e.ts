/**
 * Screen share in a mesh call, in Debian Chromium through the browser fallback (getDisplayMedia).
 * Headless Chromium with the harness's --use-fake-ui-for-media-stream and
 * --use-fake-device-for-media-stream picks a source by itself: a synthetic 1280x720 "screen"
 * (label `screen:-3:0`), so no extra flag is needed and nothing is faked in the app. One room, in
 * order: 2 people → Ada shares → Ben decodes Ada's camera and her share at once (two different
 * streams, the share large, the cameras in a strip) → Cy joins mid-share and gets it too → Ada
 * stops → the share tile goes everywhere and the cameras go on.
 *
 * Three pages, not four: with four (Ada then encodes her camera and her 1280x720 share three times
 * each) the late joiner decoded no share frame within 30 s in two of four runs of the full suite
 * on this 2-core machine with Chromium 156, while the same test alone passed; the cameras run
 * slower for the same reason (TEST_CAMERA_FPS). Unexplained beyond load: see the note of
 * the stop that made this change.
 */
import { waitForMediaFromAll } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import { expectShareBesideCamera, joiners, ownId, waitForNoShare, waitForShareAndCamera } from './share-probes';
import { useStack } from './stack';

jest.setTimeout(120_000);

const stack = useStack();
const { inCall, add } = joiners(stack, uniqueRoom('share'), ['Ada', 'Ben', 'Cy']);

describe('screen share in a mesh call', () => {
  let adaId = '';

  it('2 people: Ada shares, Ben receives her camera and her share at the same time', async () => {
    await add();
    await add();
    await stack.diagnose('2-person call media', () => Promise.all(inCall.map((u) => waitForMediaFromAll(u.page, 1, 40_000))));
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
    const cy = await add();
    const f = await stack.diagnose('late joiner share', () => waitForShareAndCamera(cy.page, adaId, 30_000));
    expectShareBesideCamera('Cy', f);
  });

  it('Stop sharing removes the share tile everywhere; the cameras go on', async () => {
    const [ada, ...viewers] = inCall;
    await ada.button('Stop sharing').click();
    await stack.diagnose('share stopped', async () => {
      await ada.page.getByTestId('share-banner').waitFor({ state: 'detached', timeout: 10_000 });
      await Promise.all(viewers.map((v) => waitForNoShare(v.page, 15_000)));
      await Promise.all(inCall.map((u) => waitForMediaFromAll(u.page, 2, 20_000)));
    });
    expect(await ada.button('Share screen').getAttribute('aria-pressed')).toBe('false');
  });
});
