/**
 * Codec parameters set in an SDP's `a=fmtp` lines, per payload type of a codec.
 *
 * Audio protection: Opus in-band FEC (a lost packet is rebuilt from the next one) and DTX (silence
 * costs almost nothing, leaving room for speech and video) on every Opus payload.
 */

/**
 * Returns `sdp` with `params` set on every payload type whose rtpmap names `codec` (e.g.
 * 'opus/48000', case-insensitive), other parameters kept; an fmtp line is added where missing.
 */
export function withFmtpParams(sdp: string, codec: string, params: Record<string, string>): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const rtpmap = new RegExp(`^a=rtpmap:(\\d+) ${codec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'i');
  const payloads = new Set<string>();
  for (const line of lines) {
    const m = rtpmap.exec(line);
    if (m) payloads.add(m[1]);
  }
  if (payloads.size === 0) return sdp;
  const withFmtp = new Set<string>();
  const out = lines.map((line) => {
    const m = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (!m || !payloads.has(m[1])) return line;
    withFmtp.add(m[1]);
    return `a=fmtp:${m[1]} ${mergeParams(m[2], params)}`;
  });
  const result: string[] = [];
  for (const line of out) {
    result.push(line);
    const m = rtpmap.exec(line);
    if (m && !withFmtp.has(m[1])) result.push(`a=fmtp:${m[1]} ${mergeParams('', params)}`);
  }
  return result.join(eol);
}

/** Returns `sdp` with `useinbandfec=1;usedtx=1` on every Opus payload type. */
export const withOpusFecDtx = (sdp: string): string => withFmtpParams(sdp, 'opus/48000', { useinbandfec: '1', usedtx: '1' });

function mergeParams(existing: string, wanted: Record<string, string>): string {
  const pairs = existing
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      return i < 0 ? [p, ''] : [p.slice(0, i), p.slice(i + 1)];
    });
  const seen = new Set<string>();
  const merged = pairs.map(([k, v]) => {
    seen.add(k.toLowerCase());
    const want = wanted[k.toLowerCase()];
    return `${k}=${want ?? v}`;
  });
  for (const [k, v] of Object.entries(wanted)) if (!seen.has(k)) merged.push(`${k}=${v}`);
  return merged.join(';');
}
