/**
 * The SFU publisher: one send-only RTCPeerConnection carrying our microphone and camera to
 * Janus, the camera as three VP8 simulcast encodings (rid q = 1/4, h = 1/2, f = full scale).
 * Track changes (mute, camera off/on, device switch) use replaceTrack: no renegotiation.
 */
import { withFmtpParams, withOpusFecDtx } from '../sdp-fmtp';
import { StepTimer } from '../step-timer';
import { protectSender } from '../sender-priority';
import type { LocalTracks } from '../api';
import { toInit, type SfuPort } from './sfu-port';
import { setEncodingsActive } from './encodings';
import { SHARE_ENCODING, fillShareSlot } from './share-streams';

/** Low → high, as the server tells Janus (`rid_order: 'lmh'`); the sum stays under the room's 1 Mbit/s cap. */
export const SIMULCAST_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 120_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 250_000 },
  { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 600_000 },
];

/**
 * Where the browser's bandwidth estimate starts again after an ICE restart towards Janus, kbit/s
 * (`x-google-start-bitrate` in Janus's answer; Chromium applies a start bitrate when it changes,
 * so restarts alternate between this and one more). Without it the estimate stayed where the
 * outage left it: with no feedback it falls by a fifth a second (700 kbit/s before a 10 s cut, 117
 * at the return), and after a restart that went through, on an uncapped link, it stayed low: 90
 * kbit/s with the camera paused until the next cut 10 s later in one run, falling to 33 kbit/s
 * with the camera paused 7 s after the return in another (network bench, SFU cuts). Chromium
 * resets it only on a new network route, and the same address and pair after a cut is none. 500:
 * what the middle layer and the audio need. On a path that came back weaker the congestion
 * control brings it down as from any start (not measured here: the bench's cuts are uncapped).
 */
export const RESTART_START_KBPS = 500;

/** Puts VP8 first (the VideoRoom is VP8-only); a browser without setCodecPreferences negotiates it anyway. */
function preferVp8(tx: RTCRtpTransceiver): void {
  const caps = typeof RTCRtpReceiver !== 'undefined' ? RTCRtpReceiver.getCapabilities?.('video') : null;
  if (!caps || typeof tx.setCodecPreferences !== 'function') return;
  const vp8 = caps.codecs.filter((c) => /vp8/i.test(c.mimeType));
  const rest = caps.codecs.filter((c) => /rtx|red|ulpfec/i.test(c.mimeType));
  if (vp8.length) tx.setCodecPreferences([...vp8, ...rest]);
}

export class SfuPublisher {
  readonly pc: RTCPeerConnection;
  private readonly audio: RTCRtpTransceiver;
  private readonly video: RTCRtpTransceiver;
  /** Screen share slot (./share-streams): the third m-line, empty until a share runs. */
  private readonly share: RTCRtpTransceiver;

  /**
   * `sending` false: the connection comes up (ICE, DTLS) with every encoding inactive, so it costs
   * no bandwidth and no encoding until setSending(true) (a warm path, see SwitchingTransport).
   */
  /** Whether camera and microphone should be sent, and whether the offer/answer is done (setSending waits for it). */
  private sending: boolean;
  private negotiated = false;
  private restarting = false;
  /** A restart was asked for while one ran (see restartIce). */
  private restartAgain = false;
  /** ICE restarts done: which start bitrate the next one sets (RESTART_START_KBPS). */
  private restarts = 0;

  constructor(config: RTCConfiguration, local: LocalTracks, private readonly port: SfuPort, sending = true) {
    this.sending = sending;
    this.pc = new RTCPeerConnection(config);
    // Both m-lines exist from the start, even with the camera or microphone off, so turning one
    // on later is a replaceTrack and never a renegotiation.
    this.audio = this.pc.addTransceiver(local.audio ?? 'audio', { direction: 'sendonly', streams: [local.stream], sendEncodings: [{ active: sending }] });
    this.video = this.pc.addTransceiver(local.video ?? 'video', {
      direction: 'sendonly',
      streams: [local.stream],
      sendEncodings: SIMULCAST_ENCODINGS.map((e) => ({ ...e, active: sending })),
    });
    preferVp8(this.video);
    this.share = this.pc.addTransceiver('video', { direction: 'sendonly', sendEncodings: [{ ...SHARE_ENCODING }] });
    preferVp8(this.share);
    this.pc.addEventListener('icecandidate', (e) => this.port.trickle('publisher', e.candidate ? toInit(e.candidate) : null));
  }

  /** Offer → Janus answer. Resolves once the answer is applied (media then starts on ICE). */
  async start(): Promise<void> {
    await this.negotiate();
    // Best effort: a browser that refuses keeps its defaults.
    await Promise.all([
      protectSender(this.audio.sender, 'audio'),
      protectSender(this.video.sender, 'camera'),
      protectSender(this.share.sender, 'share'),
    ]);
    this.negotiated = true;
    // A setSending made while this negotiation ran (a warm path taken at once) applies now.
    if (this.sending) await this.applySending();
  }

  /**
   * ICE restart towards Janus: an offer with fresh ICE credentials, re-published (`configure`);
   * Janus answers on the same publisher. One at a time; a call made meanwhile runs once more when
   * it ends, if it failed. Dropping it lost the one that mattered: a restart sent while the
   * signaling connection came back failed ("join a room first"), the room's resume asked for
   * another while that one still rolled back, and the publisher kept a dead path (its estimate fell
   * to 30 kbit/s, the camera paused) until the next cut, 40 s later (network bench, 10 s cut). A
   * restart that went through answers the calls made while it ran: running another at once broke
   * the path the first had just brought back (after a 30 s cut, two restarts 1 s apart, media back
   * after the first, then none until a third restart 7 s later; Bo saw Ana's video 12.4 s after
   * the link's return; network bench, 12-06).
   */
  async restartIce(): Promise<void> {
    if (!this.negotiated) return;
    if (this.restarting) {
      this.restartAgain = true;
      return;
    }
    this.restarting = true;
    try {
      let done = false;
      do {
        this.restartAgain = false;
        if (this.pc.signalingState !== 'stable') return;
        done = await this.restartOnce();
      } while (this.restartAgain && !done);
    } finally {
      this.restarting = false;
    }
  }

  /** Whether the restart went through. */
  private async restartOnce(): Promise<boolean> {
    try {
      await this.negotiate({ iceRestart: true });
      return true;
    } catch (e) {
      console.warn('SFU publisher ICE restart failed', e);
      // A half-done offer would block the next restart.
      if ((this.pc.signalingState as RTCSignalingState) === 'have-local-offer') await this.pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
      return false;
    }
  }

  /** Our offer, published; Janus's answer applied. */
  private async negotiate(options?: RTCOfferOptions): Promise<void> {
    const steps = new StepTimer();
    const created = await this.pc.createOffer(options);
    steps.lap('offer');
    const offer = { type: created.type, sdp: withOpusFecDtx(created.sdp ?? '') };
    await this.pc.setLocalDescription(offer);
    steps.lap('local');
    const answer = await this.port.publish({ type: 'offer', sdp: offer.sdp });
    steps.lap('publish');
    // Our encoder follows the answer's Opus parameters: FEC and DTX on whatever Janus answers.
    let sdp = withOpusFecDtx(answer.sdp ?? '');
    if (options?.iceRestart) sdp = withFmtpParams(sdp, 'VP8/90000', { 'x-google-start-bitrate': String(RESTART_START_KBPS + (this.restarts++ % 2)) });
    await this.pc.setRemoteDescription({ type: answer.type, sdp });
    steps.lap('remote');
    console.info(`SFU publisher negotiated (${steps})`);
  }

  /**
   * Camera and microphone on (true) or idle (false); the share slot follows its own track. Before
   * the offer/answer is done it is kept and applied after (encodings changed mid-negotiation may
   * be taken back by the answer).
   */
  async setSending(on: boolean): Promise<void> {
    this.sending = on;
    if (this.negotiated) await this.applySending();
  }

  /** A warm path held idle: nothing is to go out, negotiated or not. */
  get heldIdle(): boolean {
    return !this.sending;
  }

  /** Camera and microphone go out (not a warm path held idle). */
  get isSending(): boolean {
    return this.sending && this.negotiated;
  }

  private async applySending(): Promise<void> {
    const on = this.sending;
    await Promise.all([setEncodingsActive(this.audio.sender, on), setEncodingsActive(this.video.sender, on)]);
  }

  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    await (kind === 'audio' ? this.audio : this.video).sender.replaceTrack(track);
  }

  /** Sends a screen share's video in the share slot, or nothing (replaceTrack: no renegotiation). */
  async setShare(share: MediaStream | null): Promise<void> {
    await fillShareSlot(this.share, share?.getVideoTracks()[0] ?? null);
  }

  setIceServers(iceServers: RTCIceServer[]): void {
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
  }

  close(): void {
    this.pc.close();
  }
}
