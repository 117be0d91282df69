import {
  chatSendRequestSchema,
  joinRequestSchema,
  mediaPatchSchema,
  peerSignalDataSchema,
  peerSignalRequestSchema,
  roomNameSchema,
  sessionRequestSchema,
} from './schemas';
import { Limits } from './limits';

const media = { mic: true, camera: true, screen: false, hand: false };

describe('protocol schemas', () => {
  it('accepts the signals simple-peer emits', () => {
    const samples = [
      { type: 'offer', sdp: 'v=0\r\n' },
      { type: 'answer', sdp: 'v=0\r\n' },
      { type: 'answer', sdp: 'v=0\r\n', offerUfrag: 'a1B2' },
      { type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMLineIndex: 0, sdpMid: '0' } },
      { type: 'renegotiate', renegotiate: true },
      { type: 'transceiverRequest', transceiverRequest: { kind: 'video', init: { direction: 'sendrecv' } } },
    ];
    for (const s of samples) expect(peerSignalDataSchema.safeParse(s).success).toBe(true);
  });

  it('refuses unknown signal types, extra keys and oversized SDP', () => {
    expect(peerSignalDataSchema.safeParse({ type: 'bogus' }).success).toBe(false);
    expect(peerSignalDataSchema.safeParse({ type: 'offer', sdp: 'x', extra: 1 }).success).toBe(false);
    expect(peerSignalDataSchema.safeParse({ type: 'offer', sdp: 'x'.repeat(Limits.maxSignalBytes + 1) }).success).toBe(false);
    expect(peerSignalDataSchema.safeParse({ type: 'renegotiate', renegotiate: false }).success).toBe(false);
    expect(peerSignalDataSchema.safeParse({ type: 'answer', sdp: 'x', offerUfrag: 'u'.repeat(257) }).success).toBe(false);
  });

  it('relays only the direction of a transceiver request: a peer may not set what the other side sends', () => {
    const request = (init: unknown) => peerSignalDataSchema.safeParse({ type: 'transceiverRequest', transceiverRequest: { kind: 'video', init } }).success;
    expect(request(undefined)).toBe(true);
    expect(request({})).toBe(true);
    expect(request({ direction: 'recvonly' })).toBe(true);
    expect(request({ direction: 'sideways' })).toBe(false);
    expect(request({ direction: 'sendrecv', sendEncodings: [{ maxBitrate: 1e9 }] })).toBe(false);
    expect(request({ streams: ['x'] })).toBe(false);
  });

  it('accepts the mesh share announcement (a stream id or null) and nothing looser', () => {
    expect(peerSignalDataSchema.safeParse({ type: 'share', stream: '0f8c1a2e-4b7d-4c61-9d2e-7a1b2c3d4e5f' }).success).toBe(true);
    expect(peerSignalDataSchema.safeParse({ type: 'share', stream: null }).success).toBe(true);
    for (const bad of [{ type: 'share' }, { type: 'share', stream: '' }, { type: 'share', stream: 'a b' }, { type: 'share', stream: 'x'.repeat(129) }, { type: 'share', stream: null, sdp: 'v=0' }]) {
      expect(peerSignalDataSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('requires a well-formed target id on peer:signal', () => {
    const signal = { type: 'renegotiate', renegotiate: true };
    expect(peerSignalRequestSchema.safeParse({ to: 'abcdefgh12345678', signal }).success).toBe(true);
    expect(peerSignalRequestSchema.safeParse({ to: '../../etc', signal }).success).toBe(false);
    expect(peerSignalRequestSchema.safeParse({ to: 'short', signal }).success).toBe(false);
  });

  it('validates room names and display names', () => {
    expect(roomNameSchema.safeParse('daily-standup_2').success).toBe(true);
    for (const bad of ['', '-lead', 'a b', 'x'.repeat(65), '../x', 'ünï']) {
      expect(roomNameSchema.safeParse(bad).success).toBe(false);
    }
    expect(sessionRequestSchema.safeParse({ room: 'r1', name: '  Ada  ' })).toEqual({ success: true, data: { room: 'r1', name: 'Ada' } });
    expect(sessionRequestSchema.safeParse({ room: 'r1', name: '   ' }).success).toBe(false);
    // Bidi overrides and isolates, zero-width and control characters are refused; emoji sequences (ZWJ) and accents pass.
    for (const hidden of ['alice\u202Egnp.exe', 'bob\u2066x\u2069', 'eve\u200B', 'mal\u0007', 'a\nb', 'x\u2028y', 'a\uFEFFda']) {
      expect(sessionRequestSchema.safeParse({ room: 'r1', name: hidden }).success).toBe(false);
    }
    for (const fine of ['Zoë Ångström', '李小龍', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467} family', 'O\u2019Brien']) {
      expect(sessionRequestSchema.safeParse({ room: 'r1', name: fine })).toEqual({ success: true, data: { room: 'r1', name: fine } });
    }
    expect(sessionRequestSchema.safeParse({ room: 'r1', name: 'x'.repeat(Limits.maxNameLength + 1) }).success).toBe(false);
  });

  it('validates join, media patches and chat', () => {
    expect(joinRequestSchema.safeParse({ media }).success).toBe(true);
    expect(joinRequestSchema.safeParse({ media: { ...media, mic: 'yes' } }).success).toBe(false);
    expect(mediaPatchSchema.safeParse({ mic: false }).success).toBe(true);
    expect(mediaPatchSchema.safeParse({}).success).toBe(false);
    // What the wire delivers: JSON.parse makes `__proto__` an own key, which strict objects refuse.
    expect(mediaPatchSchema.safeParse(JSON.parse('{"__proto__":{"mic":true}}')).success).toBe(false);
    expect(chatSendRequestSchema.safeParse({ text: 'hi' }).success).toBe(true);
    expect(chatSendRequestSchema.safeParse({ text: ' ' }).success).toBe(false);
    expect(chatSendRequestSchema.safeParse({ text: 'x'.repeat(Limits.maxChatLength + 1) }).success).toBe(false);
  });
});
