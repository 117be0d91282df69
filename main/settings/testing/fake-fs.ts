/** An in-memory SettingsFs for tests. */
import type { SettingsFs } from '../store';

/** An in-memory file system that records every operation and can be told to fail one. */
export function fakeFs(initial: Record<string, string> = {}) {
  const files = new Map(Object.entries(initial));
  const ops: string[] = [];
  const fail: { write?: boolean; rename?: boolean } = {};
  const fs: SettingsFs = {
    readText: async (p) => files.get(p) ?? null,
    writeText: async (p, text) => {
      ops.push(`write ${p}`);
      if (fail.write) throw new Error('ENOSPC');
      files.set(p, text);
    },
    rename: async (from, to) => {
      ops.push(`rename ${from} -> ${to}`);
      if (fail.rename) throw new Error('EPERM');
      const text = files.get(from);
      if (text === undefined) throw new Error('ENOENT');
      files.set(to, text);
      files.delete(from);
    },
    remove: async (p) => {
      ops.push(`remove ${p}`);
      files.delete(p);
    },
  };
  return { fs, files, ops, fail };
}
