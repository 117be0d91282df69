import { z } from 'zod';
import { Limits, ROOM_NAME_PATTERN } from './limits';

/** zod schemas for every payload that crosses the wire. Objects are strict: unknown keys are refused. */

export const roomNameSchema = z.string().regex(ROOM_NAME_PATTERN, 'room names are 1-64 letters, digits, - or _');
/**
 * Characters a display name may not hold: controls, line and paragraph separators, and format
 * characters (bidi overrides and isolates such as U+202E turn "alice\u202Egnp.exe" into what looks
 * like another name; zero-width ones hide in look-alikes). The zero-width joiner stays allowed:
 * emoji sequences are built with it.
 */
const HIDDEN_CHARACTERS = /(?!\u200D)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'a display name is required')
  .max(Limits.maxNameLength, `display names are at most ${Limits.maxNameLength} characters`)
  .refine((name) => !HIDDEN_CHARACTERS.test(name), 'display names may not hold control or invisible formatting characters');
export const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a participant id');

export const mediaStateSchema = z.strictObject({
  mic: z.boolean(),
  camera: z.boolean(),
  screen: z.boolean(),
  hand: z.boolean(),
  /** The sender's own uplink is too weak for video: the app paused its camera (it comes back by itself). */
  videoPaused: z.boolean().optional(),
});
export const mediaPatchSchema = mediaStateSchema.partial().refine((p) => Object.keys(p).length > 0, 'empty update');

const sdpSignal = z.strictObject({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(Limits.maxSignalBytes),
  /**
   * Not simple-peer's: on an answer, the ICE ufrag of the offer it answers. An answer carries no
   * trace of its offer, so after a lost signaling connection an answer to an offer already rolled
   * back was applied to the newer one, and both sides then checked ICE with different credentials.
   */
  offerUfrag: z.string().max(256).optional(),
});
const candidateSignal = z.strictObject({
  type: z.literal('candidate'),
  candidate: z.strictObject({
    candidate: z.string().max(1024),
    sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
    sdpMid: z.string().max(64).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  }),
});
const renegotiateSignal = z.strictObject({ type: z.literal('renegotiate'), renegotiate: z.literal(true) });
const transceiverRequestSignal = z.strictObject({
  type: z.literal('transceiverRequest'),
  transceiverRequest: z.strictObject({
    kind: z.enum(['audio', 'video']),
    // Only the direction: the rest of RTCRtpTransceiverInit (sendEncodings, streams) would let the
    // remote peer configure what this side sends.
    init: z.strictObject({ direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional() }).optional(),
  }),
});
/**
 * Not simple-peer's: the mesh tells a peer which of its incoming streams (by MediaStream id, the
 * SDP's msid) is the screen share, or null when the share ended. Sent on the same ordered path as
 * the offers, before the offer that carries the stream, so a receiver never mistakes it for the camera.
 */
const shareSignal = z.strictObject({ type: z.literal('share'), stream: z.string().regex(/^[\w{}.-]{1,128}$/).nullable() });
/** What simple-peer emits on 'signal' and accepts in `signal()`, plus the mesh's share announcement. */
export const peerSignalDataSchema = z.discriminatedUnion('type', [
  sdpSignal,
  candidateSignal,
  renegotiateSignal,
  transceiverRequestSignal,
  shareSignal,
]);

export const joinRequestSchema = z.strictObject({ media: mediaStateSchema });
export const peerSignalRequestSchema = z.strictObject({ to: participantIdSchema, signal: peerSignalDataSchema });
export const chatSendRequestSchema = z.strictObject({
  text: z.string().trim().min(1, 'empty message').max(Limits.maxChatLength, 'message too long'),
});

/** `room:resume`: a compact JWS (three base64url parts); the server verifies it. */
export const resumeRequestSchema = z.strictObject({ token: z.string().max(2048).regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'not a token') });

/** Body of `POST /api/session`: the meeting (or, where the server allows typed names, a room name), and the host key or passcode when there is one. */
export const sessionRequestSchema = z.strictObject({
  room: roomNameSchema,
  name: displayNameSchema,
  hostKey: z.string().regex(/^[\w-]{16,128}$/, 'not a host key').optional(),
  passcode: z.string().min(1).max(64).optional(),
});

/** Payload of events that carry no data (`room:leave`, `ice:refresh`): an empty object, nothing else. */
export const emptyRequestSchema = z.strictObject({});
