/**
 * Audio protection in the SDP: Opus in-band FEC (a lost packet is rebuilt from the next one) and
 * DTX (silence costs almost nothing, leaving room for speech and video) on every Opus payload.
 */

const REQUIRED: Record<string, string> = { useinbandfec: '1', usedtx: '1' };

/** Returns `sdp` with `useinbandfec=1;usedtx=1` on every Opus payload type (an fmtp line is added where missing). */
export function withOpusFecDtx(sdp: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const opus = new Set<string>();
  for (const line of lines) {
    const m = /^a=rtpmap:(\d+) opus\/48000/i.exec(line);
    if (m) opus.add(m[1]);
  }
  if (opus.size === 0) return sdp;
  const withFmtp = new Set<string>();
  const out = lines.map((line) => {
    const m = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (!m || !opus.has(m[1])) return line;
    withFmtp.add(m[1]);
    return `a=fmtp:${m[1]} ${mergeParams(m[2])}`;
  });
  const result: string[] = [];
  for (const line of out) {
    result.push(line);
    const m = /^a=rtpmap:(\d+) opus\/48000/i.exec(line);
    if (m && !withFmtp.has(m[1])) result.push(`a=fmtp:${m[1]} ${mergeParams('')}`);
  }
  return result.join(eol);
}

function mergeParams(params: string): string {
  const pairs = params
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
    const want = REQUIRED[k.toLowerCase()];
    return `${k}=${want ?? v}`;
  });
  for (const [k, v] of Object.entries(REQUIRED)) if (!seen.has(k)) merged.push(`${k}=${v}`);
  return merged.join(';');
}
