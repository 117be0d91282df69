/**
 * A place the administrator's policy may come from (the registry, a managed-preferences plist, a
 * file). Each source only reads and decodes; load.ts validates what it found with the strict
 * PolicySchema, so every source fails closed the same way.
 */

export type PolicyRead =
  /** Nothing there: the next source is tried. */
  | { readonly kind: 'absent' }
  /** A policy, decoded but not yet validated (an object whose keys should be setting names). */
  | { readonly kind: 'found'; readonly raw: unknown }
  /** Something is there but can't be read or decoded: fails closed like an invalid policy. */
  | { readonly kind: 'invalid'; readonly message: string }
  /** Something is there that an administrator did not put there: ignored (logged), the next source is tried. */
  | { readonly kind: 'untrusted'; readonly message: string };

export interface PolicySource {
  /** Where the policy is read from, as an administrator would name it (a path or a registry key). */
  readonly name: string;
  /** Never rejects: failures are reported as 'invalid'. */
  read(): Promise<PolicyRead>;
}

/** The message of anything thrown. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
