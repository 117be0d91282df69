/**
 * macOS configuration profiles: an MDM (or an administrator installing a .mobileconfig) writes the
 * payload for our bundle id to /Library/Managed Preferences/<user>/<bundle id>.plist (for one
 * user) or /Library/Managed Preferences/<bundle id>.plist (the whole machine); only root can write
 * there. Keys are setting keys. The plist is turned into JSON by `plutil` (no plist parser needed).
 */
import path from 'node:path';
import type { PolicyRead, PolicySource } from './source';
import { errorMessage } from './source';

export const MANAGED_PREFERENCES_DIR = '/Library/Managed Preferences';

/** Runs `plutil -convert json -o - <file>`: the JSON text, null when the file does not exist; rejects otherwise. */
export type ReadPlistJson = (file: string) => Promise<string | null>;

/** The user's plist first, then the machine's: a profile aimed at this user is the more specific one. */
export function managedPreferencesFiles(user: string | null, bundleId: string): string[] {
  const machine = path.posix.join(MANAGED_PREFERENCES_DIR, `${bundleId}.plist`);
  return user ? [path.posix.join(MANAGED_PREFERENCES_DIR, user, `${bundleId}.plist`), machine] : [machine];
}

/** One managed-preferences plist as a policy source. */
export function managedPreferencesSource(file: string, readPlistJson: ReadPlistJson): PolicySource {
  return {
    name: file,
    async read(): Promise<PolicyRead> {
      let json: string | null;
      try {
        json = await readPlistJson(file);
      } catch (e) {
        return { kind: 'invalid', message: `can't be read: ${errorMessage(e)}` };
      }
      if (json === null) return { kind: 'absent' };
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch {
        return { kind: 'invalid', message: 'plutil gave no valid JSON' };
      }
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'invalid', message: 'not a dictionary of settings' };
      // Profile bookkeeping (PayloadUUID, PayloadVersion, …) may be carried along; no setting starts with "Payload".
      const settings = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('Payload')));
      return Object.keys(settings).length === 0 ? { kind: 'absent' } : { kind: 'found', raw: settings };
    },
  };
}
