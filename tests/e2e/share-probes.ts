/**
 * Page-side counting of the share tiles' presented frames (requestVideoFrameCallback), next to the
 * camera tiles the harness probes already watch. Installed on demand (idempotent): a share tile
 * appears mid-call, so a probe attached at page load would be the same.
 */
import type { Page } from 'playwright-core';
import { remoteTiles, sleep, waitFor } from '../harness/probes';
import type { CallUser } from '../harness/ui';
import type { Stack } from './stack';

export interface ShareProbe {
  participantId: string | null;
  label: string | null;
  frames: number;
  width: number;
  height: number;
  /** The MediaStream ids the share video and the same participant's camera tile play. */
  streamId: string | null;
  cameraStreamId: string | null;
}

const READ = `(() => {
  const w = window;
  if (!w.__shareFrames) w.__shareFrames = new WeakMap();
  const rec = w.__shareFrames;
  const watch = (v) => {
    if (rec.has(v) || typeof v.requestVideoFrameCallback !== 'function') return;
    const r = { frames: 0, width: 0, height: 0 };
    rec.set(v, r);
    const on = (_now, meta) => { r.frames += 1; r.width = meta.width; r.height = meta.height; v.requestVideoFrameCallback(on); };
    v.requestVideoFrameCallback(on);
  };
  return Array.from(document.querySelectorAll('[data-testid="share-tile"]')).map((tile) => {
    const id = tile.getAttribute('data-participant-id');
    const v = tile.querySelector('video[data-testid="share-video"]');
    if (v) watch(v);
    const r = v ? rec.get(v) : null;
    const cam = document.querySelector('[data-testid="tile"][data-participant-id="' + id + '"] video[data-testid="tile-video"]');
    return {
      participantId: id,
      label: tile.getAttribute('aria-label'),
      frames: r ? r.frames : 0,
      width: r ? r.width : 0,
      height: r ? r.height : 0,
      streamId: v && v.srcObject ? v.srcObject.id : null,
      cameraStreamId: cam && cam.srcObject ? cam.srcObject.id : null,
    };
  });
})()`;

export const shareTiles = (page: Page): Promise<ShareProbe[]> => page.evaluate(READ) as Promise<ShareProbe[]>;

export interface ShareFlow {
  shares: { participantId: string | null; label: string | null; frames: [number, number]; streamId: string | null; cameraStreamId: string | null }[];
  /** Camera frames of the sharer's own tile over the same window. */
  camera: [number, number];
  layout: string | null;
}

/** Share and camera frames of participant `sharerId`'s tiles, sampled `windowMs` apart. */
export async function sampleShare(page: Page, sharerId: string, windowMs = 1500): Promise<ShareFlow> {
  const cam = async () => (await remoteTiles(page)).find((t) => t.participantId === sharerId)?.frames ?? 0;
  const [s0, c0] = [await shareTiles(page), await cam()];
  await sleep(windowMs);
  const [s1, c1] = [await shareTiles(page), await cam()];
  const layout = await page.getByTestId('tile-grid').getAttribute('data-layout');
  return {
    shares: s1.map((s) => ({ ...s, frames: [s0.find((x) => x.participantId === s.participantId)?.frames ?? 0, s.frames] as [number, number] })),
    camera: [c0, c1],
    layout,
  };
}

/** Waits until `page` shows exactly one share tile, of `sharerId`, and both its share and camera frames rise. */
export function waitForShareAndCamera(page: Page, sharerId: string, timeoutMs: number): Promise<ShareFlow> {
  return waitFor(
    `the share and the camera of ${sharerId} both advancing`,
    () => sampleShare(page, sharerId),
    (f) =>
      f.shares.length === 1 &&
      f.shares[0].participantId === sharerId &&
      f.shares[0].frames[1] > f.shares[0].frames[0] &&
      f.camera[1] > f.camera[0],
    { timeoutMs, intervalMs: 0 },
  );
}

/** The one share tile seen by `viewer` is `sharer`'s, large (cameras in a strip), and a stream apart from the camera's. */
export function expectShareBesideCamera(viewer: string, f: ShareFlow, sharer = 'Ada'): void {
  const [share] = f.shares;
  expect({ viewer, label: share.label, layout: f.layout }).toEqual({ viewer, label: `${sharer}'s screen`, layout: 'strip' });
  expect({ viewer, share: share.streamId !== null, camera: share.cameraStreamId !== null }).toEqual({ viewer, share: true, camera: true });
  expect(share.streamId).not.toBe(share.cameraStreamId);
}

/** Waits until `page` shows no share tile and the camera grid again. */
export function waitForNoShare(page: Page, timeoutMs: number): Promise<{ shares: number; layout: string | null }> {
  return waitFor(
    'no share tile and the grid layout',
    async () => ({ shares: (await shareTiles(page)).length, layout: await page.getByTestId('tile-grid').getAttribute('data-layout') }),
    (s) => s.shares === 0 && s.layout === 'grid',
    { timeoutMs },
  );
}

/** The participant id of a user's own tile. */
export async function ownId(page: Page): Promise<string> {
  const id = await page.locator('[data-testid="tile"][data-local="true"]').getAttribute('data-participant-id');
  if (!id) throw new Error('no local tile');
  return id;
}

/** People joining one room in the order of `names`: `add()` brings in the next one (lobby, Join, in the call). */
export function joiners(stack: Stack, room: string, names: readonly string[], timeoutMs = 20_000) {
  const inCall: CallUser[] = [];
  return {
    inCall,
    add: async (): Promise<CallUser> => {
      const name = names[inCall.length];
      const user = await stack.user(name);
      await stack.diagnose(`${name} joins`, () => user.enter(stack.app.url, room, timeoutMs));
      inCall.push(user);
      return user;
    },
  };
}
