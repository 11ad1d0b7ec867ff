import type { Logger as InternalLogger } from '@lbx/internal';

/** Log levels, most verbose first; `silent` logs nothing. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `text`: one readable line per event; `json`: one JSON object per line (for log shippers). */
export type LogFormat = 'text' | 'json';

/** Meta keys whose values are never printed, whatever a caller passes by mistake. */
const SECRET_KEY = /token|secret|password|api_?key|authorization|cookie/i;

/** A structural logger: the shape every lbx package accepts (`console` and pino fit too). */
export type Logger = InternalLogger;

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Minimum level printed. Default `info`. */
  level?: LogLevel;
  /** Default `text`. */
  format?: LogFormat;
  /** Where lines go. Default: `warn`/`error` to stderr, the rest to stdout. */
  write?: (line: string, level: Exclude<LogLevel, 'silent'>) => void;
  /** Clock for timestamps. Default `() => new Date()`. */
  now?: () => Date;
}

/** A small structured logger (the `Logger` shape every lbx package accepts). Secrets in meta are redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const format = options.format ?? 'text';
  const now = options.now ?? (() => new Date());
  const write =
    options.write ??
    ((line: string, level: string) => {
      (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });

  const log = (level: Exclude<LogLevel, 'silent'>, message: string, meta?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const safe = redact(meta);
    const time = now().toISOString();
    if (format === 'json') {
      write(JSON.stringify({ time, level, msg: message, ...safe }), level);
      return;
    }
    const fields = Object.entries(safe)
      .map(([key, value]) => `${key}=${formatValue(value)}`)
      .join(' ');
    write(`${time} ${level.toUpperCase().padEnd(5)} ${message}${fields ? ` ${fields}` : ''}`, level);
  };

  return {
    debug: (message, meta) => log('debug', message, meta),
    info: (message, meta) => log('info', message, meta),
    warn: (message, meta) => log('warn', message, meta),
    error: (message, meta) => log('error', message, meta),
  };
}

function redact(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!meta) return {};
  return Object.fromEntries(
    Object.entries(meta).map(([key, value]) => [key, SECRET_KEY.test(key) ? '[redacted]' : value]),
  );
}

function formatValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}
