/**
 * Janus's answer regains the abs-capture-time line our offer had, per m-section; a rejected
 * m-section, one that has it already and one we did not offer it on are left alone.
 */
import { ABS_CAPTURE_TIME, keepCaptureTime, offerCaptureTime } from './capture-time';

const sdp = (...parts: string[]) => parts.join('\r\n');
const OFFER = sdp(
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  `a=extmap:15/sendonly ${ABS_CAPTURE_TIME}`,
  'a=mid:0',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  `a=extmap:15 ${ABS_CAPTURE_TIME}`,
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  `a=extmap:15 ${ABS_CAPTURE_TIME}`,
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:3',
  '',
);

it('adds the offered line to each answered m-section that lacks it, after its extmap lines', () => {
  const answer = sdp('v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level', 'a=mid:0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:1', 'm=video 0 UDP/TLS/RTP/SAVPF 0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:3', '');
  expect(keepCaptureTime(OFFER, answer)).toBe(
    sdp('v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level', `a=extmap:15 ${ABS_CAPTURE_TIME}`, 'a=mid:0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', `a=extmap:15 ${ABS_CAPTURE_TIME}`, 'a=mid:1', 'm=video 0 UDP/TLS/RTP/SAVPF 0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:3', ''),
  );
});

it('leaves an answer alone that has the line, or whose m-sections do not match the offer', () => {
  const has = sdp('v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', `a=extmap:15 ${ABS_CAPTURE_TIME}`, 'm=video 9 X 96', 'm=video 0 X 0', 'm=video 9 X 96', '');
  expect(keepCaptureTime(OFFER, has)).toBe(has.replace('m=video 9 X 96\r\nm=video 0', `m=video 9 X 96\r\na=extmap:15 ${ABS_CAPTURE_TIME}\r\nm=video 0`));
  const fewer = sdp('v=0', 'm=audio 9 X 111', '');
  expect(keepCaptureTime(OFFER, fewer)).toBe(fewer);
});

it('asks the transceiver to offer the extension when it can, and survives one that cannot', () => {
  const set = jest.fn();
  const tx = { getHeaderExtensionsToNegotiate: () => [{ uri: 'urn:x', direction: 'sendrecv' }, { uri: ABS_CAPTURE_TIME, direction: 'stopped' }], setHeaderExtensionsToNegotiate: set };
  offerCaptureTime(tx as unknown as RTCRtpTransceiver);
  expect(set).toHaveBeenCalledWith([{ uri: 'urn:x', direction: 'sendrecv' }, { uri: ABS_CAPTURE_TIME, direction: 'sendrecv' }]);
  expect(() => offerCaptureTime({} as RTCRtpTransceiver)).not.toThrow();
});
