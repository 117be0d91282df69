import { withOpusFecDtx } from './sdp-fmtp';

const SDP = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=0',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=rtpmap:96 VP8/90000',
  'a=fmtp:96 x-google-start-bitrate=300',
  '',
].join('\r\n');

describe('withOpusFecDtx', () => {
  it('turns FEC and DTX on in an existing Opus fmtp, keeping other parameters', () => {
    const out = withOpusFecDtx(SDP);
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1\r\n');
  });

  it('leaves other codecs and the line endings alone', () => {
    const out = withOpusFecDtx(SDP);
    expect(out).toContain('a=fmtp:63 111/111\r\n');
    expect(out).toContain('a=fmtp:96 x-google-start-bitrate=300\r\n');
    expect(out.split('\r\n')).toHaveLength(SDP.split('\r\n').length);
  });

  it('adds an fmtp line right after an Opus rtpmap that has none', () => {
    const sdp = 'm=audio 9 RTP/AVP 109\na=rtpmap:109 OPUS/48000/2\na=sendrecv\n';
    expect(withOpusFecDtx(sdp)).toBe('m=audio 9 RTP/AVP 109\na=rtpmap:109 OPUS/48000/2\na=fmtp:109 useinbandfec=1;usedtx=1\na=sendrecv\n');
  });

  it('is idempotent and leaves an SDP without Opus unchanged', () => {
    const once = withOpusFecDtx(SDP);
    expect(withOpusFecDtx(once)).toBe(once);
    const video = 'm=video 9 RTP/AVP 96\na=rtpmap:96 VP8/90000\n';
    expect(withOpusFecDtx(video)).toBe(video);
  });
});
