/**
 * Makes `display` carry exactly the tracks `want`. Additions come before removals, in one task, so
 * the element playing `display` sees one change, never an empty stream in between. True when
 * something changed.
 */
export function adoptTracks(display: MediaStream, want: readonly MediaStreamTrack[]): boolean {
  const have = display.getTracks();
  if (have.length === want.length && want.every((t) => have.includes(t))) return false;
  for (const t of want) if (!have.includes(t)) display.addTrack(t);
  for (const t of have) if (!want.includes(t)) display.removeTrack(t);
  return true;
}
