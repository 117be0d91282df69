/**
 * Windows: a policy file counts only when an administrator owns it. %ProgramData% lets every user
 * create folders and files (each owned by its creator), so a file there proves nothing by its
 * place alone; its owner does. Owners are compared as SIDs because the account names are
 * localized ("BUILTIN\Administrators" is "VORDEFINIERT\Administratoren" on German Windows).
 */
import type { TrustCheck } from './file';

/** The owners an administrator's file has: BUILTIN\Administrators (an elevated admin) or NT AUTHORITY\SYSTEM (Intune, SCCM, GPO). */
export const ADMIN_OWNER_SIDS: Readonly<Record<string, string>> = {
  'S-1-5-32-544': 'BUILTIN\\Administrators',
  'S-1-5-18': 'NT AUTHORITY\\SYSTEM',
};

/** Reads a file's owner as a SID string ("S-1-5-32-544"); rejects when it can't. */
export type ReadOwnerSid = (path: string) => Promise<string>;

/** A TrustCheck that accepts only files owned by Administrators or SYSTEM. */
export function adminOwned(readOwnerSid: ReadOwnerSid): TrustCheck {
  return async (file) => {
    const sid = (await readOwnerSid(file)).trim();
    if (Object.hasOwn(ADMIN_OWNER_SIDS, sid.toUpperCase())) return null;
    return `ignored: owned by ${sid || 'nobody'}, not by BUILTIN\\Administrators or NT AUTHORITY\\SYSTEM (a user may have created it)`;
  };
}
