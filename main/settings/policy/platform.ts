/**
 * Where each platform's policy is read, in order; the first source that has a policy is used alone
 * (sources are not merged), so the OS's management channel wins over a file when both exist:
 *
 *   Windows: HKLM\Software\Policies\Confer (Group Policy, Intune), then %ProgramData%\Confer\policy.json
 *            (only when owned by Administrators or SYSTEM);
 *   macOS:   /Library/Managed Preferences/<user>/<bundle id>.plist, then /Library/Managed Preferences/
 *            <bundle id>.plist (configuration profiles), then /Library/Application Support/Confer/policy.json;
 *   Linux:   /etc/confer/policy.json.
 *
 * A policy.json next to the installation is no longer read on any platform: a per-user Windows
 * install (%LOCALAPPDATA%\Programs\Confer) is writable by the user it is meant to restrict, and a
 * copied or drag-installed app is owned by the user too. Every place above is writable only by an
 * administrator (or, for %ProgramData%, checked to be an administrator's file).
 */
import path from 'node:path';
import type { ReadText } from '../json-file';
import { adminOwned } from './admin-owner';
import type { ReadOwnerSid } from './admin-owner';
import { filePolicySource } from './file';
import { managedPreferencesFiles, managedPreferencesSource } from './managed-prefs';
import type { ReadPlistJson } from './managed-prefs';
import { registryPolicySource } from './registry';
import type { RegQuery } from './registry';
import type { PolicySource } from './source';

/** The OS readers the sources use; system-readers.ts has the real ones, tests pass fakes. */
export interface PolicyReaders {
  readonly readText: ReadText;
  readonly regQuery: RegQuery;
  readonly readOwnerSid: ReadOwnerSid;
  readonly readPlistJson: ReadPlistJson;
}

export interface PolicyContext {
  readonly platform: string;
  /** For %ProgramData% (a user can point it elsewhere; the owner check still applies). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The login name (os.userInfo(), not $USER) for the per-user managed preferences; null when unknown. */
  readonly user: string | null;
  /** The macOS bundle id (electron-builder's appId). */
  readonly bundleId: string;
}

/** The platform's policy sources, strongest first. */
export function policySources(ctx: PolicyContext, readers: PolicyReaders): PolicySource[] {
  switch (ctx.platform) {
    case 'win32':
      return [
        registryPolicySource(readers.regQuery),
        filePolicySource(path.win32.join(ctx.env.ProgramData ?? 'C:\\ProgramData', 'Confer', 'policy.json'), readers.readText, adminOwned(readers.readOwnerSid)),
      ];
    case 'darwin':
      return [
        ...managedPreferencesFiles(ctx.user, ctx.bundleId).map((file) => managedPreferencesSource(file, readers.readPlistJson)),
        filePolicySource('/Library/Application Support/Confer/policy.json', readers.readText),
      ];
    default:
      return [filePolicySource('/etc/confer/policy.json', readers.readText)];
  }
}
