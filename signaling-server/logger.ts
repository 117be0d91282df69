import type { LogLevel } from './config';

/** The few log calls the server makes; tests pass a silent one. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** A console logger printing one line per entry, dropping entries below `level`. */
export function createLogger(level: LogLevel): Logger {
  const line = (lvl: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const text = `${new Date().toISOString()} ${lvl.toUpperCase()} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
    if (lvl === 'error') console.error(text);
    else if (lvl === 'warn') console.warn(text);
    else console.info(text);
  };
  return {
    debug: (m, f) => line('debug', m, f),
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}
