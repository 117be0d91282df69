/**
 * Screen-picker channels and payload schemas, shared by the main process, the preload and the
 * renderer's picker. Only `{id, name, thumbnail, appIcon}` per source ever crosses the bridge.
 */
import { z } from 'zod';

export const PickerChannels = {
  /** main → renderer: a getDisplayMedia() call is waiting for the user's choice. */
  open: 'confer:picker:open',
  /** main → renderer: a request ended without a grant, and why (cancel, timeout, superseded, refused, failed). */
  closed: 'confer:picker:closed',
  /** renderer → main (invoke): the current screens and windows, with fresh thumbnails. */
  sources: 'confer:picker:sources',
  /** renderer → main (invoke): share this source. */
  choose: 'confer:picker:choose',
  /** renderer → main (invoke): the user closed the picker. */
  cancel: 'confer:picker:cancel',
} as const;

/** Request ids are random UUIDs made by the main process. */
export const RequestIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

/** desktopCapturer ids look like `screen:0:0` or `window:12345:0`. */
export const SourceIdSchema = z.string().regex(/^(screen|window):[0-9A-Za-z:._-]{1,120}$/);

/** PNG data URLs only (thumbnails, app icons); an empty image is `data:image/png;base64,`. */
const PngDataUrl = z
  .string()
  .max(4_000_000)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]*$/);

export const ScreenSourceSchema = z
  .object({ id: SourceIdSchema, name: z.string().max(512), thumbnail: PngDataUrl, appIcon: PngDataUrl.nullable() })
  .strict();
export type ScreenSource = z.infer<typeof ScreenSourceSchema>;

export const PickerOpenSchema = z.object({ requestId: RequestIdSchema, audioOffered: z.boolean() }).strict();
export type PickerOpen = z.infer<typeof PickerOpenSchema>;

/**
 * Why a request ended. 'screen-access-denied': macOS refuses screen recording to the app;
 * 'failed': the system could not list or capture sources. The others are cancellations.
 */
export const CloseReasonSchema = z.enum(['chosen', 'cancelled', 'timeout', 'superseded', 'window-closed', 'screen-access-denied', 'failed']);
export type CloseReason = z.infer<typeof CloseReasonSchema>;

export const PickerClosedSchema = z.object({ requestId: RequestIdSchema, reason: CloseReasonSchema }).strict();
export type PickerClosed = z.infer<typeof PickerClosedSchema>;

export const SourcesRequestSchema = z.object({ requestId: RequestIdSchema }).strict();
export const SourcesResultSchema = z.array(ScreenSourceSchema).max(200);

export const ChooseRequestSchema = z
  .object({ requestId: RequestIdSchema, sourceId: SourceIdSchema, audio: z.boolean() })
  .strict();
export type ChooseRequest = z.infer<typeof ChooseRequestSchema>;

export const CancelRequestSchema = z.object({ requestId: RequestIdSchema }).strict();

/** Answer to choose/cancel: false when the request was unknown or already over. */
export const AckSchema = z.object({ ok: z.boolean() }).strict();

/** 'screen' or 'window', read from the id so the bridge need not carry it (ids are checked by SourceIdSchema). */
export function sourceKind(id: string): 'screen' | 'window' {
  return id.startsWith('screen:') ? 'screen' : 'window';
}
