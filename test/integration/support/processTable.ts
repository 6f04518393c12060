import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * What Linux's /proc says about processes and listening sockets, read directly (no `ps`, no `ss`, none of
 * scripts/services' own helpers): the ground truth a test of scripts/services compares the script's claims with.
 */

/** A live (not zombie) process. */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** The kernel's command name (`comm`, at most 15 characters). */
  readonly comm: string;
  readonly args: readonly string[];
  /** Its working directory, when readable. */
  readonly cwd: string | undefined;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (state === 'Z' || state === 'X') return undefined;
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
    let cwd: string | undefined;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      cwd = undefined;
    }
    return { pid, ppid: Number(ppid), comm, args, cwd };
  } catch {
    return undefined; // it exited while being read
  }
}

/** Every live process. */
export function processes(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((p): p is ProcessInfo => p !== undefined);
}

/** Whether `file` is `dir` or inside it. */
const within = (file: string, dir: string) => file === dir || file.startsWith(`${dir}${path.sep}`);

/** Live processes whose command line names `dir` or a path under it, or whose working directory is there. */
export function processesUnder(dir: string): ProcessInfo[] {
  return processes().filter((p) => (p.cwd !== undefined && within(p.cwd, dir)) || p.args.some((a) => a === dir || a.includes(`${dir}${path.sep}`)));
}

/** Whether `pid` is a live (not zombie) process. */
export function isAlive(pid: number): boolean {
  return readProcess(pid) !== undefined;
}

/** The inodes of TCP sockets listening on `port` (IPv4 and IPv6), from /proc/net/tcp{,6}. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      // st 0A = LISTEN; the local address ends in :PORT in hex.
      if (local === undefined || fields[3] !== '0A') continue;
      if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port) inodes.add(fields[9] ?? '');
    }
  }
  return inodes;
}

/** The pids holding a socket that listens on `port` (any process this user may inspect). */
export function portOwners(port: number): number[] {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return [];
  const owners = new Set<number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${name}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${name}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match && inodes.has(match[1] ?? '')) owners.add(Number(name));
      } catch {
        // closed meanwhile
      }
    }
  }
  return [...owners].sort((a, b) => a - b);
}
