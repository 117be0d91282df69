/**
 * Electron glue for the app:// scheme. The scheme must be registered as privileged before the
 * app is ready (secure context for getUserMedia, standard URL parsing so origins and relative URLs
 * work, fetch support); the handler is installed once the app is ready.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME } from '../security/origin';
import { createAppProtocolHandler } from './handler';

/** Call before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

/** Call after `app.whenReady()`: serves `root` (dist/renderer) at app://confer/. */
export function serveAppScheme(root: string, serverUrl: () => string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root, readFile: (p) => readFile(p), serverUrl }));
}
