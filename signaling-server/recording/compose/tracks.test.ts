import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findTracks, parseTrackName } from './tracks';

describe('raw track names', () => {
  it('maps Janus file names back to participant, kind and m-line, for this VideoRoom only', () => {
    expect(parseTrackName('videoroom-R_o-m-user-p_1-x-1733220000000000-video-1.mjr', 'R_o-m')).toEqual({
      file: 'videoroom-R_o-m-user-p_1-x-1733220000000000-video-1.mjr',
      participant: 'p_1-x',
      kind: 'video',
      mindex: 1,
    });
    expect(parseTrackName('videoroom-other-user-p1-1-audio-0.mjr', 'R')).toBeUndefined();
    expect(parseTrackName('videoroom-R-user-p1-1-data-2.mjr', 'R')).toBeUndefined();
    expect(parseTrackName('videoroom-R-user-p1-1-audio-0.mjr.tmp', 'R')).toBeUndefined();
  });

  it("takes a publisher's second video stream as its screen share", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tracks-'));
    for (const f of ['videoroom-R-user-a-1-audio-0.mjr', 'videoroom-R-user-a-1-video-1.mjr', 'videoroom-R-user-a-2-video-2.mjr', 'videoroom-R-user-b-1-video-1.mjr', 'notes.txt']) {
      await writeFile(path.join(dir, f), '');
    }
    const tracks = await findTracks(dir, 'R');
    expect(tracks.map((t) => [t.participant, t.kind, t.mindex, t.screen])).toEqual([
      ['a', 'audio', 0, false],
      ['a', 'video', 1, false],
      ['a', 'video', 2, true],
      ['b', 'video', 1, false],
    ]);
  });
});
