import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Cleanup } from '../read/cleanup';
import { REPOSITORY_ROOT } from '../read/paths';
import { freePort } from '../read/ports';
import { runCommand } from '../read/runCommand';

/**
 * The page cache of the benchmark's Neo4j for a corpus of `works`: 2 MiB per 1,000 works, at least the 64 MiB the tests
 * use (at a million works the store took 2.6 GB on disk after its seed and rebuild, so most of the graph is held in
 * memory, as a production Neo4j sized for its graph would hold it).
 */
export function neo4jPageCacheMb(works: number): number {
  return Math.max(64, Math.ceil(works / 1000) * 2);
}

/**
 * A Neo4j of the benchmark's own (Community Edition holds one graph, and the shared one holds the tests' data): the
 * repository's own `scripts/services up neo4j` with SERVICES_HOME in a temporary folder and Bolt on a free port of
 * the benchmark's range, so it starts empty. Stopped and its folder removed by `cleanup`.
 */
export async function startPrivateNeo4j(cleanup: Cleanup, pageCacheMb: number): Promise<string> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'openalex-bench-scale-neo4j-'));
  cleanup.add('Neo4j folder', async () => rmSync(home, { recursive: true, force: true }));
  const port = await freePort();
  const env = { ...process.env, SERVICES_HOME: home, NEO4J_PORT: String(port), NEO4J_PAGE_CACHE_MB: String(pageCacheMb) };
  const services = path.join(REPOSITORY_ROOT, 'scripts', 'services');
  cleanup.add('Neo4j', () => runCommand(services, ['down', 'neo4j'], { cwd: REPOSITORY_ROOT, env, timeoutMs: 120_000 }));
  await runCommand(services, ['up', 'neo4j'], { cwd: REPOSITORY_ROOT, env, timeoutMs: 600_000 });
  return `bolt://127.0.0.1:${port}`;
}
