/**
 * Test-only RTP packets as Chromium sends them to Janus: a one-byte header extension block with an
 * audio level (id 1) and, when given, abs-capture-time (id 5, 16 bytes: NTP capture time and the
 * clock offset); `vp8` adds a VP8 payload descriptor (RFC 7741, with a 15-bit picture id) starting
 * a key frame or a delta frame.
 */
export function rtpPacket(ts: number, seq: number, opts: { captureUs?: number; vp8?: 'key' | 'delta' } = {}): Buffer {
  const { captureUs, vp8 } = opts;
  const ext = Buffer.alloc(captureUs === undefined ? 4 : 20);
  ext.writeUInt8(0x10, 0); // id 1, 1 byte
  ext.writeUInt8(0x7f, 1);
  if (captureUs !== undefined) {
    ext.writeUInt8(0x5f, 2); // id 5, 16 bytes
    const s = Math.floor(captureUs / 1e6);
    ext.writeUInt32BE(s + 2_208_988_800, 3);
    ext.writeUInt32BE(Math.round(((captureUs - s * 1e6) / 1e6) * 2 ** 32), 7);
  }
  const head = Buffer.alloc(16);
  head.writeUInt8(0x90, 0);
  head.writeUInt16BE(seq, 2);
  head.writeUInt32BE(ts >>> 0, 4);
  head.writeUInt16BE(0xbede, 12);
  head.writeUInt16BE(ext.length / 4, 14);
  // X, S, PID 0; I; a 15-bit picture id; then the VP8 payload header (bit 0 clear: a key frame).
  const payload = vp8 ? Buffer.from([0x90, 0x80, 0x80, 0x01, vp8 === 'key' ? 0x10 : 0x11, 0, 0, 0]) : Buffer.alloc(20);
  return Buffer.concat([head, ext, payload]);
}
