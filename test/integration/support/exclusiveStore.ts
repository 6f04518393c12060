import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A cross-worker lock for tests that rebuild a store holding one shared dataset (Neo4j community has one
 * database): jest runs test files in parallel workers, and one file must not clear the graph under another.
 * `mkdir` is atomic. The holder writes its pid into the lock: a lock whose holder is no longer alive (a killed
 * run) is taken over at once, and one older than 10 minutes is taken to be left over whatever it says.
 */
export async function acquireStoreLock(store: string, timeoutMs = 300_000): Promise<() => void> {
  const dir = path.join(tmpdir(), `openalex-gateway-test-lock-${store}`);
  const owner = path.join(dir, 'pid');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(owner, String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch {
      try {
        if (Date.now() - statSync(dir).mtimeMs > 600_000 || holderIsGone(owner)) rmSync(dir, { recursive: true, force: true });
      } catch {
        // removed meanwhile: try again
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the ${store} test lock (${dir})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** True when the lock names a pid that no longer runs (a lock without its pid file yet is still being taken). */
function holderIsGone(owner: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(owner, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
