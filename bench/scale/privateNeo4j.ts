import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Cleanup } from '../read/cleanup';
import { REPOSITORY_ROOT } from '../read/paths';
import { freePort } from '../read/ports';
import { runCommand } from '../read/runCommand';

/**
 * A Neo4j of the benchmark's own (Community Edition holds one graph, and the shared one holds the tests' data): the
 * repository's own `scripts/services up neo4j` with SERVICES_HOME in a temporary folder and Bolt on a free port of
 * the benchmark's range, so it starts empty. Stopped and its folder removed by `cleanup`.
 */
export async function startPrivateNeo4j(cleanup: Cleanup): Promise<string> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'openalex-bench-scale-neo4j-'));
  cleanup.add('Neo4j folder', async () => rmSync(home, { recursive: true, force: true }));
  const port = await freePort();
  const env = { ...process.env, SERVICES_HOME: home, NEO4J_PORT: String(port) };
  const services = path.join(REPOSITORY_ROOT, 'scripts', 'services');
  cleanup.add('Neo4j', () => runCommand(services, ['down', 'neo4j'], { cwd: REPOSITORY_ROOT, env, timeoutMs: 120_000 }));
  await runCommand(services, ['up', 'neo4j'], { cwd: REPOSITORY_ROOT, env, timeoutMs: 600_000 });
  return `bolt://127.0.0.1:${port}`;
}
