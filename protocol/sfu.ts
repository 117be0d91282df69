/**
 * The `sfu:*` events: media through the SFU (Janus VideoRoom), proxied by the signaling server.
 * Browsers never talk to Janus's API: the server owns every Janus session and handle and passes
 * JSEP and ICE candidates through these events. Media itself flows browser ⇄ Janus directly.
 *
 * Flow: `sfu:publish` (offer with three simulcast encodings → Janus answer); `sfu:subscribe`
 * (the server subscribes us to every other publisher and keeps doing so as they come and go,
 * pushing each Janus offer as `sfu:offer`; we answer each with `sfu:answer`); `sfu:trickle` both
 * ways; `sfu:configure` picks a simulcast layer per remote participant; `sfu:leave`.
 * Topology switches: `sfu:switched` says "all my tiles run on the new path"; `sfu:switch-done`
 * says everyone's do, so the old path may close (make before break).
 */
import { z } from 'zod';
import { Limits } from './limits';
import { participantIdSchema } from './schemas';

/**
 * Largest SDP in one frame from a browser (an offer, or one part of an answer): under the 64 KB
 * frame as JSON. A subscriber answer grows with the room: measured in Chromium, 2,238 bytes per
 * feed (audio, camera and share m-lines), so 24 feeds ≈ 53.9 KB, and 100 feeds about 220 KB.
 */
export const MAX_SFU_SDP_BYTES = 60 * 1024;
/** An answer longer than this goes in parts of this size, each its own `sfu:answer` (JSON escapes stay under the frame). */
export const SFU_ANSWER_PART_BYTES = 48 * 1024;
/** Largest whole answer over its parts: a subscriber of a room of Limits.largestRoom, with room to spare. */
export const MAX_SFU_ANSWER_BYTES = 256 * 1024;
export const MAX_SFU_ANSWER_PARTS = Math.ceil(MAX_SFU_ANSWER_BYTES / SFU_ANSWER_PART_BYTES);

/** An answer's SDP as the parts it is sent in (one part when it fits a frame). */
export function answerParts(sdp: string): string[] {
  if (sdp.length <= SFU_ANSWER_PART_BYTES) return [sdp];
  const parts: string[] = [];
  for (let at = 0; at < sdp.length; at += SFU_ANSWER_PART_BYTES) parts.push(sdp.slice(at, at + SFU_ANSWER_PART_BYTES));
  return parts;
}

const offerSchema = z.strictObject({ type: z.literal('offer'), sdp: z.string().min(1).max(MAX_SFU_SDP_BYTES) });
const answerSchema = z.strictObject({ type: z.literal('answer'), sdp: z.string().min(1).max(MAX_SFU_SDP_BYTES) });
const candidateSchema = z.strictObject({
  candidate: z.string().max(1024),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

export const sfuTargetSchema = z.enum(['publisher', 'subscriber']);
export const sfuPublishRequestSchema = z.strictObject({ jsep: offerSchema });
const substreamSchema = z.number().int().min(0).max(2);
/**
 * How this viewer receives one remote participant: its simulcast layer, and `video: false` to
 * pause its video (its tile is hidden or off-screen, or the window is; audio goes on), `true` to
 * resume it.
 */
const layerChoiceSchema = z.strictObject({ feed: participantIdSchema, substream: substreamSchema, video: z.boolean().optional() });
export type LayerChoice = z.infer<typeof layerChoiceSchema>;
/**
 * `layers`: the simulcast layer to receive each participant in from the start (a later change
 * waits for a keyframe: a visible stall); `substream`: the layer for participants not listed.
 */
export const sfuSubscribeRequestSchema = z.strictObject({
  substream: substreamSchema.optional(),
  layers: z.array(layerChoiceSchema).max(Limits.largestRoom).optional(),
  /** The subscriber connection did not come up: drop the Janus subscriber and subscribe from scratch. */
  restart: z.boolean().optional(),
  /**
   * The subscriber connection lost its path (network change, link cut): Janus restarts ICE on the
   * same subscriber and sends a new offer with fresh ICE credentials (nothing else changes).
   */
  iceRestart: z.boolean().optional(),
});
/** Which part of a long answer this is (answerParts): sent in order, the server joins them. */
const answerPartSchema = z
  .strictObject({ index: z.number().int().min(0), count: z.number().int().min(2).max(MAX_SFU_ANSWER_PARTS) })
  .refine((p) => p.index < p.count, { message: 'index must be below count' });
export const sfuAnswerRequestSchema = z.strictObject({ seq: z.number().int().min(1), jsep: answerSchema, part: answerPartSchema.optional() });
export type SfuAnswerPart = z.infer<typeof answerPartSchema>;
/** `candidate: null` is the end of candidates. */
export const sfuTrickleRequestSchema = z.strictObject({ target: sfuTargetSchema, candidate: candidateSchema.nullable() });
/** Simulcast layer (0 lowest … 2 highest) and paused video per remote participant. */
export const sfuConfigureRequestSchema = z.strictObject({
  layers: z.array(layerChoiceSchema).min(1).max(Limits.largestRoom),
});
export const sfuSwitchedRequestSchema = z.strictObject({ mode: z.enum(['mesh', 'sfu']) });

export type SfuTarget = z.infer<typeof sfuTargetSchema>;
export type SfuCandidate = z.infer<typeof candidateSchema>;

/** A session description as it crosses the wire. */
export interface SfuJsep {
  type: 'offer' | 'answer';
  sdp: string;
}

/** One m-line of the subscriber PeerConnection: which participant's audio or video it carries. */
export interface SfuStream {
  mid: string;
  kind: 'audio' | 'video';
  /** The publishing participant's id (VideoRoom ids are participant ids). */
  feed: string;
}

/** `sfu:offer`: Janus (re)negotiates the subscriber PeerConnection; answer with the same `seq`. */
export interface SfuOffer {
  seq: number;
  jsep: SfuJsep;
  streams: SfuStream[];
}
