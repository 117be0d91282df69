/** A processing step on a local track (background effect, noise suppression) that the senders use instead of the raw track. */
export interface TrackTransform {
  /** The track to send for `source`: the source itself while nothing runs. */
  output(source: MediaStreamTrack): MediaStreamTrack;
  /** Called when `output` would now answer differently (processing turned on or off). */
  onChange(fn: () => void): () => void;
}
