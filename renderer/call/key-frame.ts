/**
 * A key frame now, after a path came back. The far side's decoder is stuck on the frames lost
 * with the old path: it asks for them again (NACK) for seconds before it gives up and asks for a
 * key frame (measured in network-change.e2e: 2.3 s from ICE reconnected to the first new frame,
 * 100 NACKs). Browsers give a sender no "send a key frame" call (Chromium has no
 * RTCRtpSender.generateKeyFrame), but an encoding that is turned off and on again starts with
 * one. Video senders with no active encoding (camera off, paused by the uplink policy) are left alone.
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
 * Sends key frames on one connection each time its path comes back. Each sign of it may come early
 * (a restart can change the selected pair before the new one carries anything), so every sign
 * sends, only the ones that come together are merged.
 */
export class KeyFramesOnPathBack {
  private at = -Infinity;

  constructor(
    private readonly pc: () => RTCPeerConnection,
    private readonly label: string,
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
    console.info(`${this.label}media path back: sending key frames`);
    sendKeyFrames(this.pc()).catch((e: unknown) => console.warn('key frames not sent', e));
  }
}
