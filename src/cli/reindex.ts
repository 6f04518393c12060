import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createLogger } from '../core/logger';
import { reindexProjections } from '../writes/reindex';
import { openStores } from '../stores';
import { runCli } from './runCli';
import type { StoreName } from '../core/StoreName';

const USAGE = `usage: npm run reindex [-- --store elasticsearch|neo4j|influxdb ...]

Rebuilds the projections (Elasticsearch, Neo4j, InfluxDB) from PostgreSQL, the source of truth: each
configured store (or only those named with --store) is written again from the catalog. Elasticsearch is
written into a new index (every work, and a suggestion for every author, institution, source and topic
row) and its aliases swapped at the end (searches see the old index until then).
Neo4j and InfluxDB are rebuilt in place: each is first marked in PostgreSQL (table projection_rebuilds),
then, about a second later, when every gateway answers its citations or trends from PostgreSQL, emptied
and written again; its mark is cleared once it is complete, and the gateways switch back within a second.
A failed rebuild leaves its mark (PostgreSQL keeps answering): run the command again for that store.
Mutations may continue meanwhile; what they change during the rebuild is re-applied at its end.`;

const PROJECTION_STORES = ['elasticsearch', 'neo4j', 'influxdb'] as const;

/** What a failed in-place rebuild leaves: its mark, and PostgreSQL answering for the store. */
function markLeftMessage(store: StoreName): string {
  const capability = store === 'influxdb' ? 'trends' : 'citations';
  return (
    `${store}: the rebuild failed, so its mark stays in projection_rebuilds and every gateway keeps answering ${capability} ` +
    `from PostgreSQL; run \`npm run reindex -- --store ${store}\` again: its success clears the mark`
  );
}

/** `npm run reindex`: prints one line per store rebuilt. */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv.filter((a) => a !== '--'), options: { store: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const wanted = values.store ?? [];
  const unknown = wanted.filter((s) => !(PROJECTION_STORES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    console.error(`unknown store(s): ${unknown.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const stores = await openStores(config, logger);
  try {
    const projections = stores.projections.filter((p) => wanted.length === 0 || wanted.includes(p.store));
    const missing = wanted.filter((s) => !projections.some((p) => p.store === s));
    if (missing.length > 0) {
      console.error(`not configured: ${missing.join(', ')} (set its URL variable: ELASTICSEARCH_URL, NEO4J_URL, INFLUX_URL)`);
      return 2;
    }
    if (projections.length === 0) {
      console.log('no projection store is configured (ELASTICSEARCH_URL, NEO4J_URL, INFLUX_URL): PostgreSQL answers everything, nothing to rebuild');
      return 0;
    }
    const reports = await reindexProjections(stores.snapshot, projections, {
      marks: stores.rebuildMarks,
      onMarkLeft: (store: StoreName) => console.error(markLeftMessage(store)),
      onProgress: (store: StoreName, works: number) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${store}: ${works} works`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    for (const r of reports) {
      const entities = r.entities === undefined ? '' : `, ${r.entities} entities`;
      console.log(`${r.store.padEnd(14)} ${String(r.works).padStart(8)} works${entities}  (${r.reconciled} re-applied at the end)  ${(r.ms / 1000).toFixed(1)} s`);
    }
    return 0;
  } finally {
    await stores.close();
  }
}

runCli('reindex', main);
