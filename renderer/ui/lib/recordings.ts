/** How the recordings list writes a duration and a file size (numbers in the UI's locale; units are symbols). */
export type Format = (n: number, opts?: Intl.NumberFormatOptions) => string;

/** `m:ss` (or `h:mm:ss`); a dash while unknown. */
export function durationText(ms: number | undefined): string {
  if (ms === undefined) return '–';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Bytes as kB, MB or GB with one decimal in the UI's number format; a dash while unknown. */
export function sizeText(bytes: number | undefined, format: Format): string {
  if (bytes === undefined) return '–';
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${format(v, { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}
