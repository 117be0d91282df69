/** `GET /api/recordings/:id/file`: a composed recording, for a link the server signed and that has not expired. */
import path from 'node:path';
import type { Request, Response } from 'express';
import { ErrorCode } from '../../protocol';
import { sendError } from '../http/errors';
import { verifyLink } from './links';
import { readManifest, recordingDir } from './manifest';

export function downloadHandler(root: string, key: Uint8Array, now: () => number) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.id ?? '');
    if (!/^[\w-]{8,64}$/.test(id) || !verifyLink(key, id, req.query.expires, req.query.sig, now())) {
      sendError(res, 403, ErrorCode.Forbidden, 'this link is not valid or has expired');
      return;
    }
    const m = await readManifest(root, id);
    if (m?.state !== 'ready' || !m.output) {
      sendError(res, 404, ErrorCode.InvalidPayload, 'no such recording');
      return;
    }
    res.setHeader('Cache-Control', 'private, no-store');
    // RECORDINGS_DIR may lie under a dot-folder: the path is the server's own, never the client's.
    res.download(path.join(recordingDir(root, id), m.output.file), `recording-${new Date(m.startedAt).toISOString().slice(0, 16).replace(':', '-')}.mp4`, { dotfiles: 'allow' });
  };
}
