/**
 * Background blur in an SFU room: the effect is applied on the sender, so it must reach everyone
 * through Janus as it does peer to peer. Four people with the server's MESH_MAX_PARTICIPANTS at 3
 * (the room moves to Janus at the 4th; one page less than the default threshold needs, because
 * the effect on a fifth starved page did not settle within 30 s here), every fake camera
 * plays the drawn person (tests/fixtures/person-640x360.png, striped wall); Ada turns strong blur
 * on; Ben, receiving her through Janus, sees the wall blurred and her video keeps coming, with no
 * new connection made (the processed track replaces the camera's in place).
 * Four pages share two cores here (see sfu.e2e.ts); WebGL is software-rendered (SwiftShader).
 */
import { join } from 'node:path';
import type { BrowserOptions } from '../harness/browser';
import { choose, grab, lumaSpread, prepareFixture, type Truth } from '../harness/effects-fixture';
import { sampleFlow, sleep, waitFor } from '../harness/probes';
import { REPO_ROOT } from '../harness/server';
import { uniqueRoom } from '../harness/ui';
import { joiners } from './share-probes';
import { JANUS_PORTS, sfuStats, toJanus } from './sfu-probes';
import type { SfuPcStats } from './sfu-probes';
import { useStack } from './stack';

// Bounds a hung test only: the waits inside say when something is broken. Five or six pages took over 150 s to load and join while other work filled this 2-core machine.
jest.setTimeout(600_000);

let truth: Truth;
const browser: BrowserOptions = {};
// Registered before useStack's hooks, so the fixture exists when the browser starts.
beforeAll(async () => {
  const fixture = await prepareFixture(join(REPO_ROOT, '.tmp', 'e2e'));
  truth = fixture.truth;
  browser.fakeCameraFile = fixture.y4m;
}, 5 * 60_000); // ffmpeg renders the fixture: over 60 s while other work filled the machine

const stack = useStack({ env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, TOPOLOGY_HOLDDOWN_SECONDS: '3', MESH_MAX_PARTICIPANTS: '3' }, browser });
const { inCall, add } = joiners(stack, uniqueRoom('effects-sfu'), ['Ada', 'Ben', 'Cy', 'Dee'], 30_000);

const janusOnly = (pcs: SfuPcStats[], videos: number): boolean =>
  pcs.length === 2 && pcs.every((pc) => pc.state === 'connected' && toJanus(pc)) && pcs.some((pc) => pc.inVideo.filter((v) => v.frames > 0).length === videos);

it('strong blur turned on in an SFU room reaches the others through Janus, without a new connection', async () => {
  for (let i = 0; i < 4; i++) await add();
  const [ada, ben] = inCall;
  await stack.diagnose('4 on the SFU', () =>
    Promise.all(inCall.map((u) => waitFor(`${u.name}: 3 videos via Janus only`, () => sfuStats(u.page), (pcs) => janusOnly(pcs, 3), { timeoutMs: 60_000, intervalMs: 500 }))),
  );
  const adaAtBen = () => ben.remoteTile('Ada').getByTestId('tile-video');
  const sharp = lumaSpread(await grab(adaAtBen()), truth, 'bg');
  const connectionsBefore = (await sfuStats(ada.page)).length;

  await ada.button('Background effects').click();
  await choose(ada.page, 'Blur (strong)', 'blur:strong');
  await sleep(3000);

  const blurred = lumaSpread(await grab(adaAtBen()), truth, 'bg');
  const flow = await sampleFlow(ben.page, 1500);
  console.info(`blur through Janus: wall luma spread at Ben ${sharp.toFixed(1)} -> ${blurred.toFixed(1)}`);
  expect(sharp).toBeGreaterThan(20); // the stripes are visible before
  expect(blurred).toBeLessThan(sharp * 0.5);
  // Ada's tile at Ben keeps advancing, still through Janus, and Ada opened no connection for it.
  expect(flow.advancingTiles).toContain(flow.tiles.find((t) => t.label === 'Ada')?.participantId);
  expect(janusOnly(await sfuStats(ben.page), 3)).toBe(true);
  expect((await sfuStats(ada.page)).length).toBe(connectionsBefore);
});
