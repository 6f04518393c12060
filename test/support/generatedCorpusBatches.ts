import { Readable } from 'node:stream';
import { type CatalogBatch, mergeBatches } from '../../datasources/writes/catalogWrite';
import { catalogBatchFromOpenAlex } from '../../src/seed/catalogBatchFromOpenAlex';
import { readOpenAlex } from '../../src/seed/readOpenAlex';
import type { GeneratedCorpus } from './generatedCorpus';

/** A generated corpus's lines as catalog batches of `size` records, read from `-` and mapped the way the seed CLI does. */
export async function generatedCorpusBatches(corpus: GeneratedCorpus, size: number): Promise<CatalogBatch[]> {
  const records: CatalogBatch[] = [];
  const stdin = Readable.from([corpus.lines.join('\n') + '\n']);
  for await (const input of readOpenAlex(['-'], { stdin })) {
    if (input.kind === 'rejected') throw new Error(`generated record rejected: ${input.reason}`);
    records.push(catalogBatchFromOpenAlex(input));
  }
  const batches: CatalogBatch[] = [];
  for (let i = 0; i < records.length; i += size) batches.push(mergeBatches(records.slice(i, i + size)));
  return batches;
}
