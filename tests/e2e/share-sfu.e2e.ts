/**
 * Screen share through the SFU (Janus), and a running share carried across the live mesh → SFU
 * switch. The server runs with MESH_MAX_PARTICIPANTS=3 (one page less than the default needs: a
 * 4-page mesh with a share did not get the share flowing within 30 s on this 2-core machine with
 * Chromium 156). One room, in order: 3 in mesh, Ada shares → the 4th joins and the room moves to
 * Janus → every other participant decodes Ada's camera and her share through Janus only (the
 * share is the publisher's third m-line) → Ada stops → the share tile goes everywhere.
 *
 * It checks what works (media and the share through Janus, carried over the switch), not the
 * switch's frame gaps, which the bench judges. The fake cameras run at
 * TEST_CAMERA_FPS (../harness/browser).
 */
import { waitFor, waitForMediaFromAll } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import { expectShareBesideCamera, joiners, ownId, waitForNoShare, waitForShareAndCamera } from './share-probes';
import { JANUS_PORTS, sfuStats, toJanus } from './sfu-probes';
import type { SfuPcStats } from './sfu-probes';
import { useStack } from './stack';

// Bounds a hung test only: the waits inside say when something is broken. Five or six pages took over 150 s to load and join while other work filled this 2-core machine.
jest.setTimeout(600_000);

const stack = useStack({
  env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, TOPOLOGY_HOLDDOWN_SECONDS: '3', MESH_MAX_PARTICIPANTS: '3' },
});
const { inCall, add } = joiners(stack, uniqueRoom('share-sfu'), ['Ada', 'Ben', 'Cy', 'Dee'], 30_000);

/** Only connections to Janus, one of which decodes `videos` video streams. */
const janusOnly = (pcs: SfuPcStats[], videos: number): boolean =>
  pcs.length > 0 && pcs.every((pc) => pc.state === 'connected' && toJanus(pc)) && pcs.some((pc) => pc.inVideo.filter((v) => v.frames > 0).length === videos);

describe('screen share through the SFU', () => {
  let adaId = '';

  it('a share started in mesh carries over to the SFU: everyone decodes Ada camera and share through Janus', async () => {
    for (let i = 0; i < 3; i++) await add();
    await stack.diagnose('3 in mesh', () => Promise.all(inCall.map((u) => waitForMediaFromAll(u.page, 2, 40_000))));
    const ada = inCall[0];
    adaId = await ownId(ada.page);
    await ada.button('Share screen').click();
    await stack.diagnose('share in mesh', () => Promise.all(inCall.slice(1).map((v) => waitForShareAndCamera(v.page, adaId, 30_000))));
    await add(); // the 4th moves the room to the SFU
    const viewers = inCall.slice(1);
    await stack.diagnose('share via Janus', async () => {
      // The other 3 cameras + Ada's share for each viewer; Ada decodes the 3 cameras.
      await Promise.all(viewers.map((v) => waitFor(`${v.name}: 4 videos via Janus only`, () => sfuStats(v.page), (pcs) => janusOnly(pcs, 4), { timeoutMs: 40_000, intervalMs: 500 })));
      await waitFor('Ada: 3 videos via Janus only', () => sfuStats(ada.page), (pcs) => janusOnly(pcs, 3), { timeoutMs: 20_000, intervalMs: 500 });
      const flows = await Promise.all(viewers.map((v) => waitForShareAndCamera(v.page, adaId, 20_000)));
      flows.forEach((f, i) => expectShareBesideCamera(viewers[i].name, f));
    });
  });

  it('Stop sharing removes the share tile everywhere on the SFU', async () => {
    const [ada, ...viewers] = inCall;
    await ada.button('Stop sharing').click();
    await stack.diagnose('share stopped on the SFU', () => Promise.all(viewers.map((v) => waitForNoShare(v.page, 15_000))));
  });
});
