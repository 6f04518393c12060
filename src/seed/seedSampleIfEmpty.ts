import type { Cache } from '../../datasources/cache/Cache';
import { ResponseCacheGeneration } from '../../datasources/cache/ResponseCacheGeneration';
import type { CatalogWriter } from '../../datasources/writes/catalogWrite';
import type { Projection } from '../../datasources/writes/Projection';
import type { Logger } from '../core/logger';
import { samplePaths } from './samplePaths';
import { seedCatalog } from './seedCatalog';

/**
 * On start, unless SEED=none: an empty catalog is loaded with the shipped OpenAlex sample (and every configured
 * projection). The load is marked as begun and as done, so a start interrupted half-way (a Ctrl-C during the first
 * start) loads the rest next time — the seed is idempotent — instead of keeping a partial sample; a catalog that
 * holds works the sample did not bring is left alone. A load starts a new write generation, so no cached response or
 * list total from before it is served (another gateway sharing the cache may have answered the empty catalog).
 */
export async function seedSampleIfEmpty(
  seed: 'sample' | 'none',
  stores: { readonly catalogWriter: CatalogWriter; readonly projections: readonly Projection[]; readonly cache: Cache },
  logger: Logger,
): Promise<void> {
  if (seed === 'none') return;
  const state = await stores.catalogWriter.sampleSeedState();
  if (state === 'done' || (state === 'none' && (await stores.catalogWriter.countWorks()) > 0)) return;
  const started = Date.now();
  await stores.catalogWriter.markSampleSeed('started');
  const report = await seedCatalog(samplePaths(), stores.catalogWriter, { projections: stores.projections });
  await stores.catalogWriter.markSampleSeed('done');
  await new ResponseCacheGeneration(stores.cache).bump();
  logger.info(
    { works: report.works, authors: report.authors, rejected: report.rejectedCount, ms: Date.now() - started, resumed: state === 'started' },
    'empty catalog seeded with the shipped OpenAlex sample',
  );
}
