import type { CatalogWriter } from '../../datasources/catalogWrite';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { samplePaths } from './samplePaths';
import { seedCatalog } from './seedCatalog';

/** On start: an empty catalog is loaded with the shipped OpenAlex sample, unless SEED=none. */
export async function seedSampleIfEmpty(config: Config, writer: CatalogWriter, logger: Logger): Promise<void> {
  if (config.postgres.seed === 'none' || (await writer.countWorks()) > 0) return;
  const started = Date.now();
  const report = await seedCatalog(samplePaths(), writer);
  logger.info(
    { works: report.works, authors: report.authors, rejected: report.rejected.length, ms: Date.now() - started },
    'empty catalog seeded with the shipped OpenAlex sample',
  );
}
