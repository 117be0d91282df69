import { LayerSelector, LOSS_STEP_DOWN } from './layer-selector';

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
  l.setDownlinkLoss(LOSS_STEP_DOWN + 1);
  expect(l.changes()).toEqual([]);
  l.setDownlinkLoss(0);
  l.setTileSize('ann', 1280, 720);
  l.setTileSize('ben', 320, 100);
  expect(l.changes()).toEqual([
    { feed: 'ann', substream: 2, video: true },
    { feed: 'ben', substream: 0, video: true },
  ]);
  expect(l.changes()).toEqual([]);
});
