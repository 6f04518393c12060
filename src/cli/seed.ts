import { loadConfig } from '../config';
import { createLogger } from '../core/logger';
import { STDIN_PATH } from '../seed/listInputFiles';
import { seedCatalog } from '../seed/seedCatalog';
import { openStores } from '../stores';
import { runCli } from './runCli';

const USAGE = `usage: npm run seed -- <file-or-dir>...

Loads OpenAlex JSON into the configured stores (DATABASE_URL, or embedded PGlite under DATA_DIR):
author files {details, works}, API pages {meta, results}, snapshot JSON Lines (optionally .gz).
"-" reads JSON Lines from standard input (npm run -s corpus -- --works 100000 | npm run seed -- -).
Idempotent: records are upserted, and one met in several files is loaded once.`;

/** `npm run seed -- <paths>` (`-`: standard input): prints progress on stderr, then counts and every rejected record with its reason. */
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
  let lastShown = 0;
  try {
    const report = await seedCatalog(paths, stores.catalogWriter, {
      projections: stores.projections,
      onProgress: (read, total, file) => {
        const now = Date.now();
        if (process.stderr.isTTY && now - lastShown > 200) {
          lastShown = now;
          // Standard input has no size to take a percentage of: show the bytes read instead.
          const done = file === STDIN_PATH ? `${(read / 1e6).toFixed(1).padStart(8)} MB` : `${((100 * read) / Math.max(total, 1)).toFixed(1).padStart(5)}%`;
          process.stderr.write(`\r${done}  ${file.slice(-60).padEnd(60)}`);
        }
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(`loaded into ${target}:`);
    for (const kind of ['works', 'authors', 'institutions', 'sources', 'topics', 'duplicates'] as const) {
      console.log(`  ${kind.padEnd(13)} ${report[kind]}`);
    }
    console.log(`  ${'rejected'.padEnd(13)} ${report.rejected.length}`);
    for (const { origin, reason } of report.rejected) console.log(`    ${origin.file} #${origin.index}: ${reason}`);
    return 0;
  } finally {
    await stores.close();
  }
}

runCli('seed', main);
