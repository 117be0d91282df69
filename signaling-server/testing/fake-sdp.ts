/**
 * Test-only SDP: a browser-like publisher offer (Opus + VP8, sendonly, BUNDLE), so server tests
 * drive the real Janus without a browser. No ICE ever
 * completes; Janus only needs well-formed descriptions to set up its side.
 */
import { randomBytes } from 'node:crypto';

const fingerprint = () => [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
const ice = () => [`a=ice-ufrag:${randomBytes(4).toString('hex')}`, `a=ice-pwd:${randomBytes(12).toString('hex')}`, 'a=ice-options:trickle', `a=fingerprint:sha-256 ${fingerprint()}`];

/** A publisher offer with one Opus and one VP8 m-line. */
export function fakePublisherOffer(): string {
  const common = ['c=IN IP4 0.0.0.0', 'a=rtcp:9 IN IP4 0.0.0.0', ...ice(), 'a=setup:actpass'];
  return [
    'v=0',
    `o=- ${Date.now()} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=msid-semantic: WMS s',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    ...common,
    'a=mid:0',
    'a=sendonly',
    'a=msid:s a0',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    `a=ssrc:${1000 + Math.floor(Math.random() * 1e6)} cname:fake`,
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    ...common,
    'a=mid:1',
    'a=sendonly',
    'a=msid:s v0',
    'a=rtcp-mux',
    'a=rtpmap:96 VP8/90000',
    'a=rtcp-fb:96 nack',
    'a=rtcp-fb:96 nack pli',
    'a=rtcp-fb:96 ccm fir',
    `a=ssrc:${2000000 + Math.floor(Math.random() * 1e6)} cname:fake`,
    '',
  ].join('\r\n');
}
