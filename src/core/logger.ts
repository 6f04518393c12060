import pino, { type Logger } from 'pino';

/** Lines are written once this many bytes wait (about ten request lines), */
export const LOG_WRITE_BYTES = 4096;
/** … or when the oldest has waited this long. */
export const LOG_FLUSH_MS = 200;

/**
 * Structured JSON logs on stdout (pino); every line names the service and the process (replicas share a log stream).
 * Written asynchronously and in batches (sonic-boom's minLength and periodicFlush): under load about ten request lines
 * go out in one system call rather than one each, and a quiet process's line appears within LOG_FLUSH_MS; pino writes
 * what is left when the process exits (a SIGKILL loses at most that much).
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'openalex-gateway', pid: process.pid } }, pino.destination({ dest: 1, sync: false, minLength: LOG_WRITE_BYTES, periodicFlush: LOG_FLUSH_MS }));
}

export type { Logger };
