import { HOLD_STEP_MS, LayerSelector, LOSS_STEP_DOWN, STEP_DOWN_HOLD_MS, STEP_UP_AFTER_MS } from './layer-selector';

it('starts each measured tile in the layer its height needs and the others in the layer most tiles have', () => {
  const l = new LayerSelector();
  l.setTileSize('ann', 320, 100);
  l.setTileSize('ben', 480, 200);
  l.setTileSize('cy', 480, 210);
  expect(l.initial()).toEqual({
    layers: [
      { feed: 'ann', substream: 0 },
      { feed: 'ben', substream: 1 },
      { feed: 'cy', substream: 1 },
    ],
    substream: 1,
  });
  // What was subscribed counts as sent: no configure repeats it.
  expect(l.changes()).toEqual([]);
  l.setTileSize('ann', 1280, 720);
  expect(l.changes()).toEqual([{ feed: 'ann', substream: 2 }]);
});

it('without measured tiles starts everyone in the middle layer; a lossy downlink steps every layer down', () => {
  const l = new LayerSelector();
  expect(l.initial()).toEqual({ layers: [], substream: 1 });
  l.setTileSize('ann', 1280, 720);
  l.setDownlinkLoss(LOSS_STEP_DOWN + 1);
  expect(l.changes()).toEqual([{ feed: 'ann', substream: 1 }]);
});

it('pauses the video of a tile with no size (hidden, off-screen, window hidden) and resumes it in the layer its size needs', () => {
  const l = new LayerSelector();
  l.setTileSize('ann', 480, 200);
  l.setTileSize('ben', 0, 0);
  expect(l.initial()).toEqual({ layers: [{ feed: 'ann', substream: 1 }, { feed: 'ben', substream: 0, video: false }], substream: 1 });
  l.setTileSize('ann', 0, 0);
  expect(l.changes()).toEqual([{ feed: 'ann', substream: 0, video: false }]);
  // A lossy downlink does not wake a paused tile.
  l.setDownlinkLoss(LOSS_STEP_DOWN + 1, 1000);
  expect(l.changes()).toEqual([]);
  // Clean again long enough: the full layer is allowed again.
  l.setDownlinkLoss(0, 2000);
  l.setDownlinkLoss(0, 2000 + STEP_UP_AFTER_MS);
  l.setTileSize('ann', 1280, 720);
  l.setTileSize('ben', 320, 100);
  expect(l.changes()).toEqual([
    { feed: 'ann', substream: 2, video: true },
    { feed: 'ben', substream: 0, video: true },
  ]);
  expect(l.changes()).toEqual([]);
});

it('a downlink that keeps losing lowers the ceiling one layer every 2 s to the lowest, then holds videos but one; ten clean seconds undo one step at a time', () => {
  const l = new LayerSelector();
  l.setTileSize('ann', 1280, 720);
  l.setTileSize('ben', 480, 200);
  l.initial();
  const lossy = LOSS_STEP_DOWN + 1;
  l.setDownlinkLoss(lossy, 0);
  expect(l.changes()).toEqual([{ feed: 'ann', substream: 1 }]);
  // Still losing, but too soon for another step.
  l.setDownlinkLoss(lossy, STEP_DOWN_HOLD_MS - 1);
  expect(l.changes()).toEqual([]);
  l.setDownlinkLoss(lossy, STEP_DOWN_HOLD_MS);
  expect(l.changes()).toEqual([
    { feed: 'ann', substream: 0 },
    { feed: 'ben', substream: 0 },
  ]);
  // Below the lowest layer, after a longer wait: the tile shown last has its video held, never the last one playing.
  l.setDownlinkLoss(lossy, STEP_DOWN_HOLD_MS + HOLD_STEP_MS - 1);
  expect(l.changes()).toEqual([]);
  l.setDownlinkLoss(lossy, STEP_DOWN_HOLD_MS + HOLD_STEP_MS);
  expect(l.changes()).toEqual([{ feed: 'ben', substream: 0, video: false }]);
  expect([...l.held()]).toEqual(['ben']);
  l.setDownlinkLoss(lossy, STEP_DOWN_HOLD_MS + 2 * HOLD_STEP_MS);
  expect(l.downlinkCeiling).toBe(-1);
  expect(l.changes()).toEqual([]);
  // Some loss (between clean and lossy) holds; clean for 10 s undoes one step: Ben's video back, in the lowest layer; 10 s more, a layer up.
  const t0 = 10_000;
  l.setDownlinkLoss(3, t0);
  l.setDownlinkLoss(0, t0 + 1000);
  l.setDownlinkLoss(0, t0 + 1000 + STEP_UP_AFTER_MS - 1);
  expect(l.changes()).toEqual([]);
  l.setDownlinkLoss(0, t0 + 1000 + STEP_UP_AFTER_MS);
  expect(l.changes()).toEqual([{ feed: 'ben', substream: 0, video: true }]);
  expect(l.held().size).toBe(0);
  l.setDownlinkLoss(0, t0 + 1000 + 2 * STEP_UP_AFTER_MS);
  expect(l.changes()).toEqual([
    { feed: 'ann', substream: 1 },
    { feed: 'ben', substream: 1 },
  ]);
  l.setDownlinkLoss(0, t0 + 1000 + 3 * STEP_UP_AFTER_MS);
  expect(l.changes()).toEqual([{ feed: 'ann', substream: 2 }]);
});
