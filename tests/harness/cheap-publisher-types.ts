/**
 * What a caller of cheap publishers (./cheap-publisher.ts) passes and gets back: the options, each
 * publisher's stats, and the handles to read them and to close.
 */
import type { Topology } from '../../protocol';

export interface CheapPublisherOptions {
  /** The server's base URL as seen from where this runs, e.g. http://localhost:8080. */
  baseUrl: string;
  /** The meeting id (its waiting room off, or a host admits them: they wait as guests do). */
  room: string;
  count: number;
  /** Display names: `${namePrefix} ${i + 1}` (default 'Cheap'). */
  namePrefix?: string;
  /** Camera size (even numbers) and frame rate; default 160x90 at 10 fps. */
  width?: number;
  height?: number;
  fps?: number;
  /** The camera's encoder cap in bit/s; default 100 kbit/s. */
  maxBitrate?: number;
  /** Sends the tone (default true); false still negotiates the audio m-line, silent. */
  audio?: boolean;
  /**
   * The first `speakers` have their microphone on (default: all). The others join muted, as most
   * people in a large meeting are: mic off in their media state and no audio fed (their audio m-line
   * is negotiated and carries nothing). Feeding 10 ms chunks is most of a publisher's CPU.
   */
  speakers?: number;
  /** Started one after the other, this far apart (default 300 ms): a burst of joins is not what is tested. */
  staggerMs?: number;
  /** Each publisher's log lines (default none). */
  log?: (line: string) => void;
}

export interface CheapPublisherStats {
  name: string;
  /** Participant id the server gave it (also its VideoRoom feed id), once joined. */
  id: string | null;
  topology: Topology | null;
  /** Its microphone is on (one of the `speakers`). */
  mic: boolean;
  /** Its publisher connection to Janus is connected. */
  publishing: boolean;
  pcState: string;
  /** Sent on its publisher connection (outbound-rtp bytesSent), summed over every publisher connection it made. */
  bytesSent: { video: number; audio: number };
  framesEncoded: number;
  /** Frames handed to its video source. */
  framesFed: number;
  /** Mesh `peer:signal`s it left unanswered. */
  meshSignalsIgnored: number;
  /** `sfu:switched` reports sent, per mode. */
  switchedReports: { mesh: number; sfu: number };
  /**
   * The last switch announced to it (`room:topology`): ms from the announcement to its own
   * `sfu:switched` and to the server's `sfu:switch-done` (null until they happen). A participant
   * that never reports holds the switch until the server's timeout (12 s by default).
   */
  lastSwitch: { mode: Topology; reportedMs: number | null; doneMs: number | null } | null;
  publishes: number;
  errors: string[];
}

export interface CheapPublisher {
  readonly name: string;
  stats(): Promise<CheapPublisherStats>;
  close(): Promise<void>;
}

export interface CheapPublishers {
  publishers: CheapPublisher[];
  stats(): Promise<CheapPublisherStats[]>;
  close(): Promise<void>;
}

/** One publisher's settings, defaults filled in (what the options hold but for the crowd's). */
export type CheapPublisherSettings = Required<Omit<CheapPublisherOptions, 'log' | 'count' | 'namePrefix' | 'staggerMs' | 'speakers'>> & {
  /** This one's microphone is on. */
  mic: boolean;
  log?: (l: string) => void;
};
