import type { Response } from 'express';
import type { ErrorCode, ProtocolError } from '../../protocol';

/** Sends the protocol's HTTP error body `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  const error: ProtocolError = { code, message };
  res.status(status).json({ error });
}
