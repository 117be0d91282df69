/**
 * The abs-capture-time RTP header extension on what we publish to Janus: some packets of each
 * stream (Chromium: the first, then about one a second) carry the instant their media was
 * captured, on one clock for the microphone and the camera, the clock live receivers line them up
 * by. Janus records packets as they arrive, extensions included, so a recording lines voices up
 * with pictures by capture time too (signaling-server/recording/compose/mjr.ts).
 *
 * Chromium offers the extension only when asked (the RTP header extension control API), and Janus
 * 1.1 leaves out of its answer the extensions it does not know: the answer is given back the line
 * our offer had, which Chromium accepts (an answer may only hold what the offer held).
 */

export const ABS_CAPTURE_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time';

interface HeaderExtension {
  uri: string;
  direction: RTCRtpTransceiverDirection | 'stopped';
}

type WithExtensionControl = RTCRtpTransceiver & {
  getHeaderExtensionsToNegotiate?: () => HeaderExtension[];
  setHeaderExtensionsToNegotiate?: (exts: HeaderExtension[]) => void;
};

/** Has the browser offer abs-capture-time on `tx`; a browser without the API, or that refuses, offers what it would anyway. */
export function offerCaptureTime(tx: RTCRtpTransceiver): void {
  const t = tx as WithExtensionControl;
  if (!t.getHeaderExtensionsToNegotiate || !t.setHeaderExtensionsToNegotiate) return;
  try {
    const exts = t.getHeaderExtensionsToNegotiate();
    if (!exts.some((e) => e.uri === ABS_CAPTURE_TIME)) return;
    t.setHeaderExtensionsToNegotiate(exts.map((e) => (e.uri === ABS_CAPTURE_TIME ? { ...e, direction: 'sendrecv' } : e)));
  } catch (e) {
    console.warn('abs-capture-time could not be offered', e);
  }
}

/** The SDP split into its session part and its m-sections (each starting with its `m=` line). */
const sections = (sdp: string): string[] => sdp.split(/\r\n(?=m=)/);

/**
 * `answer` with, in each m-section that is not rejected, the abs-capture-time line of the same
 * m-section of `offer` when the answer lacks it. Anything else is returned unchanged.
 */
export function keepCaptureTime(offer: string, answer: string): string {
  const offered = sections(offer);
  const parts = sections(answer);
  if (parts.length !== offered.length) return answer;
  return parts
    .map((part, i) => {
      if (i === 0 || part.includes(ABS_CAPTURE_TIME) || /^m=\S+ 0 /.test(part)) return part;
      const line = (offered[i] as string).split('\r\n').find((l) => l.startsWith('a=extmap:') && l.endsWith(` ${ABS_CAPTURE_TIME}`));
      if (!line) return part;
      const lines = part.split('\r\n');
      // After the section's last extmap line, or after its m= line when it has none.
      const last = lines.reduce((at, l, k) => (l.startsWith('a=extmap:') ? k : at), 0);
      lines.splice(last + 1, 0, line.replace(/^a=extmap:(\d+)\/\w+/, 'a=extmap:$1'));
      return lines.join('\r\n');
    })
    .join('\r\n');
}
