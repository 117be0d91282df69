import type { ParticipantView } from '../../call/api';
import { sharesToShow } from './shares';

const media = { mic: true, camera: true, screen: false, hand: false };
const view = (id: string, over: Partial<ParticipantView> = {}): ParticipantView => ({
  id, name: id, isLocal: false, media, stream: null, share: null, connection: 'connected', speaking: false, quality: null, role: 'guest', ...over,
});
const s = {} as MediaStream;

describe('sharesToShow', () => {
  it('shows remote shares that run and have a stream, never our own', () => {
    const ps = [
      view('me', { isLocal: true, share: s, media: { ...media, screen: true } }),
      view('ann', { share: s, media: { ...media, screen: true } }),
      view('bob', { share: s }), // stopped: the announcement came before the track went
      view('cy', { media: { ...media, screen: true } }), // announced, stream not there yet
    ];
    expect(sharesToShow(ps).map((p) => p.id)).toEqual(['ann']);
  });
});
