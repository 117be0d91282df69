/** Thrown while reading the configuration; the message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
