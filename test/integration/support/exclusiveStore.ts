import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A cross-worker lock for tests that rebuild a store holding one shared dataset (Neo4j community has one
 * database): jest runs test files in parallel workers, and one file must not clear the graph under another.
 * `mkdir` is atomic; a lock older than 10 minutes is taken to be left over from a killed run.
 */
export async function acquireStoreLock(store: string, timeoutMs = 300_000): Promise<() => void> {
  const dir = path.join(tmpdir(), `openalex-gateway-test-lock-${store}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      return () => rmSync(dir, { recursive: true, force: true });
    } catch {
      try {
        if (Date.now() - statSync(dir).mtimeMs > 600_000) rmSync(dir, { recursive: true, force: true });
      } catch {
        // removed meanwhile: try again
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the ${store} test lock (${dir})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
