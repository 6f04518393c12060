import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout (pino); every line names the service and the process (replicas share a log stream). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'openalex-gateway', pid: process.pid } });
}

export type { Logger };
