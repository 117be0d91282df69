/** Reading environment variables with validation that collects every problem before failing. */
export type Env = Record<string, string | undefined>;

/** A reader over `env`: `read` gives a trimmed value or undefined when empty; bad values land in `errors`. */
export function envReader(env: Env) {
  const errors: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  /** An integer in [min, max]; a bad value is reported and the fallback used, so all problems show at once. */
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      errors.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  return { errors, read, int };
}
