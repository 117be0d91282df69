/** Maps an RMS level (0..1) to a meter percentage on a -60..0 dB scale, so speech reads mid-scale rather than near 0. */
export function levelPercent(rms: number, floorDb = -60): number {
  if (!Number.isFinite(rms) || rms <= 0) return 0;
  const db = 20 * Math.log10(Math.min(1, rms));
  return Math.round(Math.max(0, Math.min(1, (db - floorDb) / -floorDb)) * 100);
}
