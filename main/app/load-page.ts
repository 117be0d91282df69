/**
 * Loads a page in the window without leaving a rejected promise behind. Electron rejects a
 * loadURL() that a newer one replaced with ERR_ABORTED (-3); unhandled, that rejection sets the
 * main process's exit code to 1. An abort is expected; any other load error is logged.
 */

/** The part of BrowserWindow used here. */
export interface LoadablePort {
  loadURL(url: string): Promise<void>;
}

/** True for the rejection of a load that a newer navigation replaced. */
export function isAbortedLoad(e: unknown): boolean {
  const err = e as { code?: unknown; errno?: unknown } | null;
  return err?.code === 'ERR_ABORTED' || err?.errno === -3;
}

/** Starts the load; resolves once it settled either way. */
export async function loadPage(win: LoadablePort, url: string, warn: (message: string) => void): Promise<void> {
  try {
    await win.loadURL(url);
  } catch (e) {
    if (!isAbortedLoad(e)) warn(`loading ${url} failed: ${(e as Error).message}`);
  }
}
