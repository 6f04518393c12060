import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runCommand } from './runCommand';

/**
 * Makes sure the package folder `dir` (its own package.json, never the gateway's) has its dependencies installed
 * at the versions it pins: `npm ci --prefix dir` from its lockfile, or `npm install --prefix dir` the first time
 * (no lockfile yet). Checks `dependency`'s installed version, so a folder installed before a pin changed is
 * installed again.
 */
export async function ensureInstalled(dir: string, dependency: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const pinned = manifest.dependencies?.[dependency];
  const installed = path.join(dir, 'node_modules', dependency, 'package.json');
  if (existsSync(installed) && (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version === pinned) return;
  const verb = existsSync(path.join(dir, 'package-lock.json')) ? 'ci' : 'install';
  console.log(`installing ${dependency}@${pinned ?? '?'} into ${path.relative(process.cwd(), dir) || dir} (npm ${verb})`);
  await runCommand('npm', [verb, '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeoutMs: 300_000 });
}

/** `require` as seen from the package folder `dir`: loads what its node_modules holds. */
export function requireFrom(dir: string): NodeJS.Require {
  return createRequire(path.join(dir, 'package.json'));
}
