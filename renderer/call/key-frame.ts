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
