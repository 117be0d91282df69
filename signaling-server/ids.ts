import { randomBytes } from 'node:crypto';

/**
 * A random URL-safe id (16 base64url characters = 96 bits by default). Participant ids double as
 * Socket.IO room names for signal delivery, so they must be unguessable.
 */
export function randomId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}
