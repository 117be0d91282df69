/**
 * The config module: the only place that reads environment variables. `loadStartupConfig` reads
 * them all once at start and reports every bad one together; the rest of the server gets values.
 */
export { ConfigError } from './errors';
export { loadConfig, normaliseOrigin, repoRoot } from './server-config';
export type { JwtConfig, LoadConfigOptions, LogLevel, ServerConfig } from './server-config';
export { janusSettingsFromEnv, sfuConfigFromEnv } from './janus-settings';
export type { JanusSettings, SfuConfig } from './janus-settings';
export { bundledTurnFromEnv, coturnSettingsFromEnv } from './coturn-settings';
export type { BundledTurnConfig, CoturnSettings } from './coturn-settings';
export { loadStartupConfig, withBundledTurn } from './startup-config';
export type { StartupConfig } from './startup-config';
export type { RecordingConfig, S3Config } from './recording-settings';
