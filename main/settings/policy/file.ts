/** A policy.json file, optionally trusted only when an administrator owns it (Windows). */
import { readJsonFile } from '../json-file';
import type { ReadText } from '../json-file';
import type { PolicyRead, PolicySource } from './source';
import { errorMessage } from './source';

/** Says why a file can't be trusted, or null when it can; rejects when that can't be told. */
export type TrustCheck = (path: string) => Promise<string | null>;

/** A JSON policy file. With `trust`, a file the check rejects is ignored (and logged), not applied. */
export function filePolicySource(file: string, read: ReadText, trust?: TrustCheck): PolicySource {
  return {
    name: file,
    async read(): Promise<PolicyRead> {
      const json = await readJsonFile(read, file);
      if (json.kind === 'absent' || !trust) return json;
      // Owner first: a file a user planted is ignored whatever it holds, even when it is broken.
      try {
        const distrust = await trust(file);
        return distrust === null ? json : { kind: 'untrusted', message: distrust };
      } catch (e) {
        // The file may well be the administrator's: not knowing who owns it fails closed.
        return { kind: 'invalid', message: `its owner can't be read: ${errorMessage(e)}` };
      }
    },
  };
}
