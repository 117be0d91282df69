/**
 * Recording: a host starts and stops it, everyone in the room is told (`recording:state`), and the
 * hosts list the meeting's recordings. The server decides everything; the payloads carry no options.
 */
import { z } from 'zod';

/** Whether the room is being recorded now, as everyone in it (and the lobby) sees it. */
export interface RecordingState {
  active: boolean;
  /** The display name of whoever started it (while active). */
  by?: string;
  /** When it started, ms since the epoch (while active). */
  since?: number;
}

/** Where a recording is on its way to a downloadable file. */
export const RECORDING_STATES = ['recording', 'composing', 'uploading', 'ready', 'failed'] as const;
export type RecordingJobState = (typeof RECORDING_STATES)[number];

/** One recording of the meeting, as the hosts' list shows it. */
export interface RecordingSummary {
  id: string;
  startedAt: number;
  /** Recorded duration in ms (known once it stopped). */
  durationMs?: number;
  /** Size of the composed file in bytes (known once it is composed). */
  bytes?: number;
  state: RecordingJobState;
  /** Why it failed (state `failed`). */
  reason?: string;
  /** A signed link that expires (state `ready`); ask `recording:list` again for a fresh one. */
  url?: string;
}

/** `recording:start`, `recording:stop`, `recording:list`: no options. */
export const recordingRequestSchema = z.strictObject({});
