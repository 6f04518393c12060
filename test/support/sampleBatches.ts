import { type CatalogBatch, mergeBatches } from '../../datasources/writes/catalogWrite';
import { catalogBatchFromOpenAlex } from '../../src/seed/catalogBatchFromOpenAlex';
import { readOpenAlex } from '../../src/seed/readOpenAlex';
import { samplePaths } from '../../src/seed/samplePaths';

/** The shipped sample as catalog batches of `size` records, read and mapped the way the seed CLI does. */
export async function sampleBatches(size: number): Promise<CatalogBatch[]> {
  const records: CatalogBatch[] = [];
  for await (const input of readOpenAlex(samplePaths())) {
    if (input.kind === 'rejected') throw new Error(`sample record rejected: ${input.reason}`);
    records.push(catalogBatchFromOpenAlex(input));
  }
  const batches: CatalogBatch[] = [];
  for (let i = 0; i < records.length; i += size) batches.push(mergeBatches(records.slice(i, i + size)));
  return batches;
}
