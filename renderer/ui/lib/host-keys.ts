/**
 * Host keys of the meetings this browser started: whoever holds one is a host of its meeting, so
 * it stays in this browser's storage (the newest MAX_KEPT meetings) and never in a link.
 */
import { browserStorage } from './browser-storage';

const KEY = 'confer.hostKeys';
const MAX_KEPT = 50;

type Kept = Record<string, string>;

function read(storage: Storage | null): Kept {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Kept) : {};
  } catch {
    return {};
  }
}

export function hostKeyFor(meeting: string, storage = browserStorage()): string | undefined {
  const key = read(storage)[meeting];
  return typeof key === 'string' ? key : undefined;
}

export function keepHostKey(meeting: string, hostKey: string, storage = browserStorage()): void {
  const kept = read(storage);
  delete kept[meeting];
  kept[meeting] = hostKey; // newest last
  const entries = Object.entries(kept).slice(-MAX_KEPT);
  try {
    storage?.setItem(KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // Storage full or disabled: this session is still host (its token says so); a reload will not be.
  }
}
