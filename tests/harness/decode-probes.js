// Decoded-frame timing per remote tile, off the main thread (opt-in init script, see
// newTestPage's `decodeProbe`). DESIGN.md measures a topology switch as the largest interval
// between *decoded* frames of each remote tile. requestVideoFrameCallback (page-probes.js)
// measures frames the page's main thread got to present; with six pages on two cores that thread
// stalls for 300-500 ms with no switch at all while the video keeps playing, so its gaps mix
// main-thread stalls into the figure. Here every remote video track gets a
// MediaStreamTrackProcessor (from the peer connection's track event on) whose frames are
// timestamped in a Worker as the decoder delivers them.
// A tile's picture comes from the track its stream held at each moment: the app swaps tracks with
// MediaStream.addTrack/removeTrack, which are recorded, and each track's frames count only while
// it was the tile's track.
//
// Needs a Worker from a blob: URL, which the app's CSP (script-src 'self') forbids, so pages with
// this probe run with the CSP bypassed (Playwright bypassCSP); the product's code is unchanged.
(() => {
  if (window.__decode || typeof MediaStreamTrackProcessor !== 'function') return;
  const epoch = (t) => performance.timeOrigin + t;

  const WORKER = `
    onmessage = async ({ data: { id, readable } }) => {
      const reader = readable.getReader();
      let batch = [];
      const flush = () => { if (batch.length) { postMessage({ id, times: batch }); batch = []; } };
      const timer = setInterval(flush, 200);
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          batch.push(performance.timeOrigin + performance.now());
          value.close();
        }
      } catch {}
      clearInterval(timer);
      flush();
    };`;
  const worker = new Worker(URL.createObjectURL(new Blob([WORKER], { type: 'text/javascript' })));
  /** Per watched track: its id here and the epoch times its frames came out of the decoder. */
  const tracks = new Map();
  const times = new Map();
  worker.onmessage = ({ data }) => {
    const list = times.get(data.id);
    if (list) for (const t of data.times) list.push(t);
  };
  const watchTrack = (track) => {
    if (track.kind !== 'video' || tracks.has(track) || track.readyState !== 'live') return;
    const id = tracks.size + 1;
    tracks.set(track, id);
    times.set(id, []);
    const { readable } = new MediaStreamTrackProcessor({ track });
    worker.postMessage({ id, readable }, [readable]);
  };

  // Every remote video track is watched from its arrival, not from when a tile takes it: a track
  // first watched at the swap would count the processor's start-up (100-600 ms here) as a gap.
  const BasePC = window.RTCPeerConnection;
  if (BasePC) {
    class DecodeWatchedPeerConnection extends BasePC {
      constructor(...args) {
        super(...args);
        this.addEventListener('track', (e) => watchTrack(e.track));
      }
    }
    window.RTCPeerConnection = DecodeWatchedPeerConnection;
  }

  /** Per stream: its video tracks over time, [{ track, at }] (at: epoch ms it became the stream's video). */
  const history = new WeakMap();
  const P = MediaStream.prototype;
  const addTrack = P.addTrack;
  P.addTrack = function (track) {
    if (track && track.kind === 'video') {
      const h = history.get(this) ?? [];
      h.push({ track, at: epoch(performance.now()) });
      history.set(this, h);
      watchTrack(track);
    }
    return addTrack.call(this, track);
  };

  const remoteTileVideos = () =>
    [...document.querySelectorAll('[data-testid="tile"][data-local="false"]')].map((tile) => ({
      id: tile.getAttribute('data-participant-id'),
      stream: tile.querySelector('video[data-testid="tile-video"]')?.srcObject ?? null,
    }));
  // Streams set on a tile without addTrack (a transport's own stream): watch their tracks too.
  setInterval(() => {
    for (const { stream } of remoteTileVideos()) if (stream) stream.getVideoTracks().forEach(watchTrack);
  }, 100);

  /** A tile stream's segments: which track it showed from when (a stream never given tracks by addTrack shows its current one throughout). */
  const segments = (stream) => {
    const h = history.get(stream);
    if (h && h.length) return h.map((s, i) => ({ track: s.track, from: s.at, to: h[i + 1]?.at ?? Infinity }));
    const v = stream.getVideoTracks()[0];
    return v ? [{ track: v, from: -Infinity, to: Infinity }] : [];
  };

  /**
   * The same-moment reference for a tile that swapped tracks in the window: the largest interval
   * between decoded frames of the track it showed before its last swap, over the whole window up
   * to that track's last frame. The old path keeps decoding until it closes, so this is what the
   * page's load alone did to a track that was not swapped; null without a swap in the window.
   */
  const oldPathGap = (stream, since, until) => {
    const segs = segments(stream);
    const last = segs[segs.length - 1];
    if (segs.length < 2 || last.from < since) return null;
    const list = (times.get(tracks.get(segs[segs.length - 2].track)) ?? []).filter((t) => t <= until);
    let prev = null;
    let max = 0;
    for (const t of list) {
      if (t >= since) max = Math.max(max, t - (prev ?? since));
      prev = t;
    }
    return Math.round(max);
  };

  /**
   * Per remote tile: the largest interval between decoded frames of the track it showed, over
   * [since, until] (epoch ms; an interval counts when it ends inside). A tile still waiting at
   * `until` counts its wait up to then. Keep `until` a second behind now: frames reach this
   * thread in batches.
   */
  const gaps = (since, until) => {
    return remoteTileVideos().map(({ id, stream }) => {
      if (!stream) return { participantId: id, frames: 0, maxGapMs: null };
      const merged = [];
      for (const seg of segments(stream)) {
        const list = times.get(tracks.get(seg.track)) ?? [];
        for (const t of list) if (t >= seg.from && t < seg.to && t <= until) merged.push(t);
      }
      merged.sort((a, b) => a - b);
      let prev = null;
      let frames = 0;
      let maxGapMs = 0;
      let at = [since, since];
      for (const t of merged) {
        if (t >= since) {
          frames += 1;
          if (t - (prev ?? since) > maxGapMs) at = [prev ?? since, t];
          maxGapMs = Math.max(maxGapMs, t - (prev ?? since));
        }
        prev = t;
      }
      const tail = Math.max(prev ?? since, since);
      if (until - tail > maxGapMs) at = [tail, until];
      maxGapMs = Math.max(maxGapMs, until - tail);
      return { participantId: id, frames, maxGapMs: Math.round(maxGapMs), gapFrom: at[0], gapTo: at[1], oldPathMaxGapMs: oldPathGap(stream, since, until) };
    });
  };

  window.__decode = { gaps, now: () => epoch(performance.now()) };
})();
