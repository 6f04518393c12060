import type { Stores } from '../stores';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { samplePaths } from './samplePaths';
import { seedCatalog } from './seedCatalog';

/** On start: an empty catalog is loaded with the shipped OpenAlex sample (and every configured projection), unless SEED=none. */
export async function seedSampleIfEmpty(config: Config, stores: Pick<Stores, 'catalogWriter' | 'projections'>, logger: Logger): Promise<void> {
  if (config.postgres.seed === 'none' || (await stores.catalogWriter.countWorks()) > 0) return;
  const started = Date.now();
  const report = await seedCatalog(samplePaths(), stores.catalogWriter, { projections: stores.projections });
  logger.info(
    { works: report.works, authors: report.authors, rejected: report.rejected.length, ms: Date.now() - started },
    'empty catalog seeded with the shipped OpenAlex sample',
  );
}
