// Page-side measurement, installed as an init script in every test page (product and bench
// baseline) so the app needs no hooks. Plain browser JavaScript on purpose: functions handed to
// page.evaluate() from TypeScript get rewritten by the test transpilers, a file does not.
//
// window.__pcs        every RTCPeerConnection the page created
// window.__sfuLayers  the simulcast layer the page last asked Janus for, per feed (sfu:subscribe / sfu:configure on the socket)
// window.__confer     the probe API (see the object at the end)
(() => {
  if (window.__confer) return;

  const epoch = (t) => performance.timeOrigin + t;

  /** @type {RTCPeerConnection[]} */
  const pcs = [];
  window.__pcs = pcs;
  const pcTimes = new WeakMap();
  const NativePC = window.RTCPeerConnection;
  if (NativePC) {
    class RecordedPeerConnection extends NativePC {
      constructor(...args) {
        super(...args);
        pcs.push(this);
        // When it was created and when it first connected (page clock, ms since the epoch).
        const times = { createdAt: epoch(performance.now()), connectedAt: null };
        pcTimes.set(this, times);
        this.addEventListener('connectionstatechange', () => {
          if (this.connectionState === 'connected' && times.connectedAt === null) times.connectedAt = epoch(performance.now());
        });
      }
    }
    window.RTCPeerConnection = RecordedPeerConnection;
    if (window.webkitRTCPeerConnection) window.webkitRTCPeerConnection = RecordedPeerConnection;
  }


  // The layers the page asks for, read off its outgoing Socket.IO frames (`42<ack>["sfu:configure",{...}]`).
  const layers = { byFeed: {}, fallback: null };
  window.__sfuLayers = layers;
  const nativeSend = window.WebSocket && window.WebSocket.prototype.send;
  if (nativeSend) {
    window.WebSocket.prototype.send = function (data) {
      if (typeof data === 'string' && data.startsWith('42') && data.includes('"sfu:')) {
        try {
          const [event, payload] = JSON.parse(data.replace(/^42\d*/, ''));
          if ((event === 'sfu:subscribe' || event === 'sfu:configure') && payload) {
            if (typeof payload.substream === 'number') layers.fallback = payload.substream;
            for (const l of payload.layers || []) layers.byFeed[l.feed] = l.substream;
          }
        } catch {
          // not ours to judge: the page's frames go out unchanged
        }
      }
      return nativeSend.call(this, data);
    };
  }

  /** Button clicks (capture phase, so before the app's handlers run): the start of timed actions. */
  const clicks = [];
  document.addEventListener(
    'click',
    (e) => {
      const el = e.target instanceof Element ? e.target.closest('button') : null;
      if (!el) return;
      const name = (el.getAttribute('aria-label') || el.textContent || '').trim();
      clicks.push({ name, at: epoch(performance.now()) });
    },
    true,
  );

  /** Frame gaps over 150 ms, and main-thread long tasks (> 50 ms): when a tile stalls, was the page busy? */
  const gapLog = [];
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ at: epoch(e.startTime), ms: Math.round(e.duration) });
      if (longTasks.length > 500) longTasks.splice(0, longTasks.length - 500);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the log stays empty.
  }

  /**
   * The self view's frame times (recent ones): the page's own control. A remote tile's gap during
   * which the self view (same page, never switched, never sent over the network) presented no frame
   * either is a stall of the whole page (a starved renderer or compositor), not a frozen tile.
   */
  const selfFrames = [];
  const selfFrameWithin = (from, to) => {
    for (let i = selfFrames.length - 1; i >= 0 && selfFrames[i] > from; i--) if (selfFrames[i] < to - 1 && selfFrames[i] > from + 1) return true;
    return false;
  };
  /** The self view was playing when a gap began (a frame within 250 ms before): only then is it a control. */
  const selfPlayingAt = (t) => {
    for (let i = selfFrames.length - 1; i >= 0; i--) if (selfFrames[i] <= t + 1) return selfFrames[i] >= t - 250;
    return false;
  };

  /**
   * Per <video data-testid="tile-video">: frames presented, first/last frame time, largest gap
   * (maxGapMs: between any two frame callbacks) and largest freeze (maxFreezeMs: gaps of a remote
   * tile while the self view kept presenting frames; equals the gap where there is no self view).
   */
  const records = new WeakMap();
  const watchVideo = (video) => {
    if (records.has(video) || typeof video.requestVideoFrameCallback !== 'function') return;
    const rec = { frames: 0, firstAt: null, lastAt: null, maxGapMs: 0, maxFreezeMs: 0, gapSince: null, width: 0, height: 0, presented: 0, mediaTime: null, mountedAt: epoch(performance.now()) };
    records.set(video, rec);
    const onFrame = (now, meta) => {
      const at = epoch(now);
      rec.frames += 1;
      if (rec.firstAt === null) rec.firstAt = at;
      const tileEl = video.closest('[data-testid="tile"]');
      const isSelf = !!tileEl && tileEl.getAttribute('data-local') === 'true';
      if (isSelf) {
        selfFrames.push(at);
        if (selfFrames.length > 4000) selfFrames.splice(0, 2000);
      }
      if (rec.lastAt !== null && (rec.gapSince === null || rec.lastAt >= rec.gapSince)) {
        const gap = at - rec.lastAt;
        rec.maxGapMs = Math.max(rec.maxGapMs, gap);
        const pageStall = !isSelf && selfPlayingAt(rec.lastAt) && !selfFrameWithin(rec.lastAt, at);
        if (!pageStall) rec.maxFreezeMs = Math.max(rec.maxFreezeMs, gap);
      }
      if (rec.lastAt !== null && at - rec.lastAt > 250) {
        const tile = video.closest('[data-testid="tile"]');
        gapLog.push({
          tile: tile ? tile.getAttribute('data-participant-id') : null,
          selfFrameWithin: selfFrameWithin(rec.lastAt, at),
          from: rec.lastAt,
          ms: Math.round(at - rec.lastAt),
          presented: meta.presentedFrames - rec.presented,
          mediaMs: rec.mediaTime === null ? null : Math.round((meta.mediaTime - rec.mediaTime) * 1000),
        });
        if (gapLog.length > 3000) gapLog.splice(0, gapLog.length - 3000);
      }
      rec.presented = meta.presentedFrames;
      rec.mediaTime = meta.mediaTime;
      rec.lastAt = at;
      rec.width = meta.width;
      rec.height = meta.height;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  const scan = (root) => {
    if (!(root instanceof Element)) return;
    if (root.matches('video[data-testid="tile-video"]')) watchVideo(root);
    root.querySelectorAll('video[data-testid="tile-video"]').forEach(watchVideo);
  };
  // Attach on insertion (a microtask before the next rendering), so no first frame is missed.
  new MutationObserver((muts) => {
    for (const m of muts) m.addedNodes.forEach(scan);
  }).observe(document, { childList: true, subtree: true });

  const tiles = () => {
    const out = [];
    document.querySelectorAll('[data-testid="tile"]').forEach((tile) => {
      const video = tile.querySelector('video[data-testid="tile-video"]');
      if (video) watchVideo(video);
      const rec = video ? records.get(video) : null;
      out.push({
        participantId: tile.getAttribute('data-participant-id'),
        local: tile.getAttribute('data-local') === 'true',
        label: tile.getAttribute('aria-label'),
        muted: !!tile.querySelector('[data-testid="tile-muted"]'),
        cameraOff: !!tile.querySelector('[data-testid="tile-camera-off"]'),
        status: tile.querySelector('[data-testid="tile-status"]')?.textContent?.trim() ?? null,
        hasVideo: !!video,
        videoHasStream: !!(video && video.srcObject),
        paused: video ? video.paused : null,
        frames: rec ? rec.frames : 0,
        firstFrameAt: rec ? rec.firstAt : null,
        lastFrameAt: rec ? rec.lastAt : null,
        maxGapMs: rec ? rec.maxGapMs : 0,
        maxFreezeMs: rec ? rec.maxFreezeMs : 0,
        width: rec ? rec.width : 0,
        height: rec ? rec.height : 0,
      });
    });
    return out;
  };

  /** Starts a fresh gap measurement on every watched tile (e.g. just before a topology switch). */
  const resetGaps = () => {
    const now = epoch(performance.now());
    document.querySelectorAll('video[data-testid="tile-video"]').forEach((v) => {
      const rec = records.get(v);
      if (rec) {
        rec.maxGapMs = 0;
        rec.maxFreezeMs = 0;
        rec.gapSince = now;
      }
    });
  };

  /** Inbound/outbound media counters of every recorded RTCPeerConnection, from getStats(). */
  const pcStats = async () => {
    const out = [];
    for (let i = 0; i < pcs.length; i++) {
      const pc = pcs[i];
      const r = {
        index: i,
        connectionState: pc.connectionState,
        iceConnectionState: pc.iceConnectionState,
        createdAt: pcTimes.get(pc)?.createdAt ?? null,
        connectedAt: pcTimes.get(pc)?.connectedAt ?? null,
        framesDecoded: 0,
        framesReceived: 0,
        audioEnergy: 0,
        audioSamplesDuration: 0,
        inboundVideo: 0,
        inboundAudio: 0,
        bytesReceived: 0,
        bytesSent: 0,
        localCandidate: null,
        remoteCandidate: null,
        error: null,
      };
      out.push(r);
      if (pc.connectionState === 'closed') continue;
      try {
        const report = await pc.getStats();
        let pairId = null;
        report.forEach((s) => {
          if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
        });
        report.forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') {
            r.inboundVideo += 1;
            r.framesDecoded += s.framesDecoded || 0;
            r.framesReceived += s.framesReceived || 0;
            r.bytesReceived += s.bytesReceived || 0;
          } else if (s.type === 'inbound-rtp' && s.kind === 'audio') {
            r.inboundAudio += 1;
            r.audioEnergy += s.totalAudioEnergy || 0;
            r.audioSamplesDuration += s.totalSamplesDuration || 0;
            r.bytesReceived += s.bytesReceived || 0;
          } else if (s.type === 'outbound-rtp') {
            r.bytesSent += s.bytesSent || 0;
          }
        });
        if (pairId) {
          const pair = report.get(pairId);
          const l = pair && report.get(pair.localCandidateId);
          const rc = pair && report.get(pair.remoteCandidateId);
          r.localCandidate = l ? `${l.candidateType} ${l.address ?? l.ip}:${l.port}` : null;
          r.remoteCandidate = rc ? `${rc.candidateType} ${rc.address ?? rc.ip}:${rc.port}` : null;
        }
      } catch (e) {
        r.error = String(e);
      }
    }
    return out;
  };

  window.__confer = {
    tiles,
    resetGaps,
    pcStats,
    clicks: () => clicks.slice(),
    gapLog: () => gapLog.slice(),
    longTasks: () => longTasks.slice(),
    now: () => epoch(performance.now()),
  };
})();
