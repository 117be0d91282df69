/**
 * A key frame now, after a path came back from a long silence. The far side's decoder is stuck on
 * the frames lost with the old path: when they are no longer in our send history it asks for them
 * again (NACK) for seconds before it gives up and asks for a key frame (measured in
 * network-change.e2e: 2.3 s from ICE reconnected to the first new frame, 100 NACKs). Browsers give
 * a sender no "send a key frame" call (Chromium has no RTCRtpSender.generateKeyFrame), but an
 * encoding that is turned off and on again starts with one. Video senders with no active encoding
 * (camera off, paused by the uplink policy) are left alone.
 */
export async function sendKeyFrames(pc: RTCPeerConnection): Promise<void> {
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== 'video') continue;
    const params = sender.getParameters();
    const active = params.encodings?.map((e) => e.active !== false) ?? [];
    if (!active.some(Boolean)) continue;
    for (const e of params.encodings) e.active = false;
    await sender.setParameters(params);
    await restoreActive(sender, active);
  }
}

/** Turns the encodings back on as they were; retried, since another setParameters may come between. */
async function restoreActive(sender: RTCRtpSender, active: boolean[], tries = 3): Promise<void> {
  for (let i = 1; ; i++) {
    const params = sender.getParameters();
    params.encodings.forEach((e, n) => (e.active = active[n] ?? true));
    try {
      return await sender.setParameters(params);
    } catch (err) {
      if (i >= tries) throw err;
    }
  }
}

/** Triggers closer than this (ICE reconnected, the new pair, media flowing again) make one key frame. */
export const PATH_BACK_MERGE_MS = 250;

/**
 * A path back after a silence shorter than this gets no key frame: what the far side missed is still
 * in our send history, and it gets it by asking (NACK). Measured in network-change.e2e (12-06, mesh,
 * the stall watch's silence about 3 s): after an address change NACKs alone brought every lost
 * frame back within 0.4 s of the new pair: media back 3.1-3.6 s after the change in 8 runs of 8; a
 * key frame there (encodings off and on) made the far decoder hold the frames after it for 1-2.5 s
 * with no retransmission (5.6, 5.8 and 3.9 s). After a 3 s cut the far side asked in vain and
 * waited about 3 s for a key frame of its own asking (media back 3.6 and 4.6 s without a key frame,
 * 3.1-3.4 s with it); there the first signs came after 3.3-3.4 s of silence (none sent) and the new
 * pair's after about 3.8 s (sent). The margin is narrow on both sides: up to 3.0 s after an address
 * change, from 3.3 s after a 3 s cut.
 */
export const SEND_HISTORY_MS = 3500;

/**
 * Sends key frames on one connection each time its path comes back from a silence longer than
 * SEND_HISTORY_MS. Each sign of it may come early (a restart can change the selected pair before the
 * new one carries anything), so every sign sends, only the ones that come together are merged.
 */
export class KeyFramesOnPathBack {
  private at = -Infinity;

  constructor(
    private readonly pc: () => RTCPeerConnection,
    private readonly label: string,
    /** How long the path was silent (StallWatch.silenceMs). */
    private readonly silenceMs: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes a newly selected working pair while `down()` as the path back: after a restart that ICE
   * never called 'disconnected' (a stall) it is the only sign. Call once the connection is up.
   */
  watchPair(down: () => boolean): void {
    const ice = this.pc().getReceivers?.()[0]?.transport?.iceTransport;
    ice?.addEventListener('selectedcandidatepairchange', () => {
      const working = ice.state === 'connected' || ice.state === 'completed';
      if (down() && working && ice.getSelectedCandidatePair()) this.pathBack();
    });
  }

  pathBack(): void {
    if (this.now() - this.at < PATH_BACK_MERGE_MS) return;
    this.at = this.now();
    const silent = this.silenceMs();
    if (silent < SEND_HISTORY_MS) return console.info(`${this.label}media path back after ${Math.round(silent)} ms of silence: no key frame (the far side asks for what it missed)`);
    console.info(`${this.label}media path back: sending key frames`);
    sendKeyFrames(this.pc()).catch((e: unknown) => console.warn('key frames not sent', e));
  }
}
