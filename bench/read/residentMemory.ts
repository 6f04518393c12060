import { readFileSync } from 'node:fs';

/**
 * The resident set size of process `pid` in MB (VmRSS of /proc/<pid>/status: what it holds in memory now), or
 * NaN when the process is gone or the system has no /proc.
 */
export function residentMegabytes(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}
