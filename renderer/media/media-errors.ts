/** Maps getUserMedia failures to CallErrors with messages a user can act on. */
import { CallError } from '../call/api';

export type CaptureKind = 'audio' | 'video';

const NAMES: Record<CaptureKind, { device: string; without: string }> = {
  audio: { device: 'Microphone', without: 'you can still join, but others will not hear you' },
  video: { device: 'Camera', without: 'you can still join with audio only' },
};

/** A CallError (MEDIA_DENIED or MEDIA_MISSING) for a failed capture of one kind. */
export function captureError(kind: CaptureKind, err: unknown): CallError {
  const { device, without } = NAMES[kind];
  const name = (err as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CallError('MEDIA_DENIED', `${device} access was denied; ${without}.`);
    case 'NotReadableError':
    case 'AbortError':
      return new CallError('MEDIA_MISSING', `The ${device.toLowerCase()} is in use by another application or not working; ${without}.`);
    case 'NoMediaDevices':
      return new CallError('MEDIA_MISSING', `This page cannot use the ${device.toLowerCase()} (it needs https or localhost); ${without}.`);
    default: // NotFoundError, OverconstrainedError, anything else
      return new CallError('MEDIA_MISSING', `No ${device.toLowerCase()} was found; ${without}.`);
  }
}
