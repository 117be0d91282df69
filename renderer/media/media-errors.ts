/** Maps getUserMedia failures to CallErrors with messages a user can act on. */
import { CallError } from '../call/api';
import type { MessageKey } from '../i18n/catalog';
import { text } from '../i18n/text';

export type CaptureKind = 'audio' | 'video';

/** The device's name (alone and inside a sentence) and what the user can still do without it. */
const NAMES: Record<CaptureKind, { device: MessageKey; deviceInText: MessageKey; without: MessageKey }> = {
  audio: { device: 'errors.media.microphone', deviceInText: 'errors.media.microphoneInText', without: 'errors.media.withoutMicrophone' },
  video: { device: 'errors.media.camera', deviceInText: 'errors.media.cameraInText', without: 'errors.media.withoutCamera' },
};

/** A CallError (MEDIA_DENIED or MEDIA_MISSING) for a failed capture of one kind. */
export function captureError(kind: CaptureKind, err: unknown): CallError {
  const names = NAMES[kind];
  const params = { device: text(names.device), deviceInText: text(names.deviceInText), without: text(names.without) };
  const name = (err as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CallError('MEDIA_DENIED', text('errors.media.denied', params));
    case 'NotReadableError':
    case 'AbortError':
      return new CallError('MEDIA_MISSING', text('errors.media.busy', params));
    case 'NoMediaDevices':
      return new CallError('MEDIA_MISSING', text('errors.media.insecure', params));
    default: // NotFoundError, OverconstrainedError, anything else
      return new CallError('MEDIA_MISSING', text('errors.media.missing', params));
  }
}
