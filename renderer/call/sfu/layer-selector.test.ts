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
