import { readFileSync } from 'node:fs';

/** /proc reports CPU time in USER_HZ clock ticks, 100 per second on every architecture Linux runs node on. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time process `pid` has used so far, in seconds: user + system time of all its threads (utime + stime of
 * /proc/<pid>/stat; the main thread, the GC's helpers and libuv's pool alike), or NaN when the process is gone or
 * the system has no /proc. Two readings around a load give what the server spent on it, whoever else shared the
 * machine's cores.
 */
export function cpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return Number.NaN;
  }
  return ticksOf(stat) / TICKS_PER_SECOND;
}

/**
 * utime + stime of a /proc/<pid>/stat line. Its second field, the command name in parentheses, may itself hold
 * spaces and parentheses: the fields are counted from after its last `)` (field 3, the state, comes first).
 */
export function ticksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : Number.NaN;
}

/** Microseconds of CPU per response between two readings; NaN when either reading or the count is missing. */
export function cpuMicrosPerResponse(secondsBefore: number, secondsAfter: number, responses: number): number {
  return responses > 0 ? ((secondsAfter - secondsBefore) * 1e6) / responses : Number.NaN;
}
