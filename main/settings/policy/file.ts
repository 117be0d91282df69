/** A policy.json file, optionally trusted only when an administrator owns it (Windows). */
import type { ReadText } from '../load';
import type { PolicyRead, PolicySource } from './source';
import { errorMessage } from './source';

/** Says why a file can't be trusted, or null when it can; rejects when that can't be told. */
export type TrustCheck = (path: string) => Promise<string | null>;

/** A JSON policy file. With `trust`, a file the check rejects is ignored (and logged), not applied. */
export function filePolicySource(file: string, read: ReadText, trust?: TrustCheck): PolicySource {
  return {
    name: file,
    async read(): Promise<PolicyRead> {
      let text: string | null;
      try {
        text = await read(file);
      } catch (e) {
        return { kind: 'invalid', message: `can't be read: ${errorMessage(e)}` };
      }
      if (text === null) return { kind: 'absent' };
      if (trust) {
        let distrust: string | null;
        try {
          distrust = await trust(file);
        } catch (e) {
          // The file may well be the administrator's: not knowing who owns it fails closed.
          return { kind: 'invalid', message: `its owner can't be read: ${errorMessage(e)}` };
        }
        if (distrust !== null) return { kind: 'untrusted', message: distrust };
      }
      try {
        return { kind: 'found', raw: JSON.parse(text) as unknown };
      } catch {
        return { kind: 'invalid', message: 'not valid JSON' };
      }
    },
  };
}
