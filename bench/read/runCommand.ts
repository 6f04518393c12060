import { spawn } from 'node:child_process';

/**
 * Runs a command to its end with all its output on this process's stderr (stdout is the benchmark's report),
 * killing it (SIGTERM) past `timeoutMs`, as `user` if given. Rejects unless it exits 0.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number; user?: { uid: number; gid: number } },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 2, 2], ...(options.user ?? {}) });
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (code ${String(code)}, signal ${String(signal)})`));
    });
  });
}
