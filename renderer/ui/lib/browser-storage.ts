/**
 * The page's localStorage, or null where there is none (Node) or where reading it throws (storage
 * disabled in a sandbox or private mode). Callers treat null as "nothing is remembered".
 */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
