/**
 * The structural logger every lbx package accepts: `console` and pino fit as they are. Each published package
 * re-exports this type as its own `Logger` (the declaration files inline it).
 */
export interface Logger {
  /** Per-request detail (each attempt, each page). */
  debug(message: string, meta?: Record<string, unknown>): void;
  /** Progress worth seeing on a terminal (a retry, a finished step). */
  info(message: string, meta?: Record<string, unknown>): void;
  /** Something went wrong but the call goes on or can be repeated. */
  warn(message: string, meta?: Record<string, unknown>): void;
  /** A failure the caller will see. */
  error(message: string, meta?: Record<string, unknown>): void;
}

/** The default logger of every client: logs nothing. */
export const silentLogger: Logger = Object.freeze({ debug() {}, info() {}, warn() {}, error() {} });
