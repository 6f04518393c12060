import { ResponseCacheGeneration } from '../../datasources/cache/ResponseCacheGeneration';
import { loadConfig } from '../config';
import { createLogger } from '../core/logger';
import { seedCatalog } from '../seed/seedCatalog';
import { openStores } from '../stores';
import { runCli } from './runCli';
import { seedProgress } from './seedProgress';

const USAGE = `usage: npm run seed -- <file-or-dir>...

Loads OpenAlex JSON into the configured stores (DATABASE_URL, or embedded PGlite under DATA_DIR):
author files {details, works}, API pages {meta, results}, snapshot JSON Lines (optionally .gz).
"-" reads JSON Lines from standard input (npm run -s corpus -- --works 100000 | npm run seed -- -).
Idempotent: records are upserted, and one met in several files is loaded once.`;

/** `npm run seed -- <paths>` (`-`: standard input): prints progress (records, rate, ETA) on stderr, then counts and the rejected records with their reasons (the first MAX_LISTED_REJECTIONS, and how many more). */
async function main(argv: string[]): Promise<number> {
  const paths = argv.filter((a) => a !== '--');
  if (paths.length === 0 || paths.some((p) => p === '-h' || p === '--help')) {
    console.error(USAGE);
    return paths.length === 0 ? 2 : 0;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const stores = await openStores(config, logger);
  const target = [config.postgres.url ? 'PostgreSQL' : `embedded PGlite (${config.postgres.dataDir})`, ...stores.projections.map((p) => p.store)].join(', ');
  const progress = seedProgress();
  try {
    const report = await seedCatalog(paths, stores.catalogWriter, { projections: stores.projections, onProgress: progress.onProgress, onWritten: progress.onWritten });
    progress.done();
    // Running gateways sharing this cache (REDIS_URL) stop serving responses and list totals cached before the load.
    await new ResponseCacheGeneration(stores.cache).bump();
    console.log(`loaded into ${target}:`);
    for (const kind of ['works', 'authors', 'institutions', 'sources', 'topics', 'duplicates'] as const) {
      console.log(`  ${kind.padEnd(13)} ${report[kind]}`);
    }
    console.log(`  ${'rejected'.padEnd(13)} ${report.rejectedCount}`);
    for (const { origin, reason } of report.rejected) console.log(`    ${origin.file} #${origin.index}: ${reason}`);
    if (report.rejectedCount > report.rejected.length) console.log(`    … and ${report.rejectedCount - report.rejected.length} more (only the first ${report.rejected.length} are listed)`);
    if (report.rebuilt > 0) console.log(`empty catalog: ${report.rebuilt} indexes and foreign keys were set aside during the load and rebuilt`);
    return 0;
  } finally {
    await stores.close();
  }
}

runCli('seed', main);
