/**
 * A paged grid on the SFU (last-N): a room of five on Janus (MESH_MAX_PARTICIPANTS=2), Ada's grid
 * at 4 tiles a page, so one of the four others is on page 2. Ada decodes video only for the tiles
 * on her page; the one off it sends her no video (its tile reports no size, the page pauses that
 * feed's video at Janus) while its tile's element keeps playing its audio. Turning the page swaps
 * which videos arrive. Cy, Dee and Eve mute their microphones once everyone is in: the fake
 * microphones beep, and each new beep would bring its sender to the first page (who speaks comes
 * to it, by design), so with four speakers the page would turn over every few seconds.
 */
import type { Page } from 'playwright-core';
import { waitFor } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import { JANUS_PORTS, onJanus } from './sfu-probes';
import { useStack } from './stack';

jest.setTimeout(240_000);

const stack = useStack({
  env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, MESH_MAX_PARTICIPANTS: '2', TOPOLOGY_HOLDDOWN_SECONDS: '60', SFU_PREWARM: 'off' },
});

interface TileFlow {
  offPage: boolean;
  /** Video frames decoded and audio energy received, from the receivers of the tracks the tile plays. */
  frames: number;
  energy: number;
  /** The tile's element plays (it carries the audio) and is not muted. */
  playing: boolean;
}

/** Per remote tile (participant id): whether it is off the page, and its receivers' counters. */
const tileFlows = (page: Page) =>
  page.evaluate(`(async () => {
    const out = {};
    for (const el of document.querySelectorAll('[data-testid="tile"][data-local="false"]')) {
      const video = el.querySelector('video');
      const tracks = video && video.srcObject ? video.srcObject.getTracks().map((t) => t.id) : [];
      const rec = { offPage: el.getAttribute('data-off-page') === 'true', frames: 0, energy: 0, playing: !!video && !video.paused && !video.muted };
      for (const pc of window.__pcs) {
        if (pc.connectionState !== 'connected') continue;
        for (const r of pc.getReceivers()) {
          if (!tracks.includes(r.track.id)) continue;
          (await r.getStats()).forEach((s) => {
            if (s.type !== 'inbound-rtp') return;
            if (s.kind === 'video') rec.frames += s.framesDecoded || 0;
            else rec.energy += s.totalAudioEnergy || 0;
          });
        }
      }
      out[el.getAttribute('data-participant-id')] = rec;
    }
    return out;
  })()`) as Promise<Record<string, TileFlow>>;

/** Over `ms`: per tile, frames decoded and whether its audio energy rose. */
async function flowOver(page: Page, ms: number): Promise<Record<string, { offPage: boolean; frames: number; audio: boolean; playing: boolean }>> {
  const a = await tileFlows(page);
  await page.waitForTimeout(ms);
  const b = await tileFlows(page);
  return Object.fromEntries(Object.entries(b).map(([id, t]) => [id, { offPage: t.offPage, frames: t.frames - (a[id]?.frames ?? 0), audio: t.energy > (a[id]?.energy ?? 0), playing: t.playing }]));
}

/** Ben's participant id, from his tile's label. */
const ben = (page: Page) => page.evaluate(`document.querySelector('[data-testid="tile"][aria-label="Ben"]').getAttribute('data-participant-id')`) as Promise<string>;

const onPage = (f: Record<string, { offPage: boolean }>) => Object.keys(f).filter((id) => !f[id]?.offPage).sort();

describe('a paged grid on the SFU', () => {
  it('decodes video only for the tiles on the page, hears everyone, and swaps the videos when the page turns', async () => {
    const room = uniqueRoom('pages');
    const ada = await stack.user('Ada');
    await ada.tp.context.addInitScript({ content: "localStorage.setItem('confer.tilesPerPage', '4')" });
    await stack.diagnose('Ada joins', () => ada.enter(stack.app.url, room, 60_000));
    const others = await stack.enter(room, ['Ben', 'Cy', 'Dee', 'Eve']);
    // The others page nothing (one page of five): each receives all four videos.
    await stack.diagnose('everyone is on the SFU', () => onJanus(others, 4));
    for (const u of others.slice(1)) await u.button('Mute microphone').click();
    const benId = await ben(ada.page);
    await expect(ada.page.getByTestId('tile-page').textContent()).resolves.toBe('Page 1 of 2');

    // Page 1: Ada and three others; the fourth is off the page. Its video stops (frames in flight
    // may still decode at first), its audio goes on.
    const first = await stack.diagnose('page 1: video for the three on it only', () =>
      waitFor('Ada decodes the three on her page and not the fourth', () => flowOver(ada.page, 3000), (f) => {
        const ids = Object.keys(f);
        return ids.length === 4 && onPage(f).length === 3 && ids.every((id) => (f[id]?.offPage ? f[id]?.frames === 0 : (f[id]?.frames ?? 0) > 0));
      }, { timeoutMs: 30_000, intervalMs: 0 }),
    );
    const away = Object.keys(first).find((id) => first[id]?.offPage) as string;
    // Ben, who still speaks, is on the first page and heard; every tile's element plays, off the page too.
    expect(first[benId]).toMatchObject({ offPage: false, audio: true });
    expect(Object.values(first).every((t) => t.playing)).toBe(true);

    const turnedAt = Date.now();
    await ada.page.getByRole('button', { name: 'Next page' }).click();
    await expect(ada.page.getByTestId('tile-page').textContent()).resolves.toBe('Page 2 of 2');
    const second = await stack.diagnose('page 2: video for the one on it only', () =>
      waitFor('Ada decodes only the tile on page 2', () => flowOver(ada.page, 2000), (f) => {
        const ids = Object.keys(f);
        return onPage(f).join() === away && (f[away]?.frames ?? 0) > 0 && ids.every((id) => id === away || f[id]?.frames === 0);
      }, { timeoutMs: 30_000, intervalMs: 0 }),
    );
    const swapMs = Date.now() - turnedAt;
    expect(second[benId]).toMatchObject({ offPage: true, audio: true, playing: true });
    console.info(`sfu pages e2e: page 1 frames ${JSON.stringify(Object.values(first).map((t) => t.frames))}, page 2 ${JSON.stringify(Object.values(second).map((t) => t.frames))}; videos swapped within ${swapMs} ms of turning the page`);
  });
});
