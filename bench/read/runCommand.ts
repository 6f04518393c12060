import { spawn } from 'node:child_process';

export interface RunCommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly user?: { uid: number; gid: number };
}

/**
 * Runs a command to its end, its stderr passed through to this process's stderr; its stdout is kept and answered
 * when `keepStdout`, else passed to stderr as well (stdout is the benchmark's report). Kills it (SIGTERM) past
 * `timeoutMs`, runs it as `user` if given. Rejects unless it exits 0 (with the end of its kept stdout).
 */
export function commandOutput(command: string, args: readonly string[], options: RunCommandOptions & { readonly keepStdout: boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', options.keepStdout ? 'pipe' : 2, 2], ...(options.user ?? {}) });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} failed (code ${String(code)}, signal ${String(signal)})${out ? `\n${out.slice(-2000)}` : ''}`));
    });
  });
}

/** Runs a command to its end with all its output on this process's stderr (see commandOutput). */
export async function runCommand(command: string, args: readonly string[], options: RunCommandOptions): Promise<void> {
  await commandOutput(command, args, { ...options, keepStdout: false });
}
