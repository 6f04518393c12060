import path from 'node:path';

import { projectRoot } from '../../../../src/core/projectRoot';

/** The test fixtures of the OpenAlex reader (test/fixtures/openalex), absolute. */
export const FIXTURES = path.join(projectRoot(), 'test', 'fixtures', 'openalex');

/** The shipped sample (data/sample), absolute. */
export const SAMPLE = path.join(projectRoot(), 'data', 'sample');

/** Drains an async iterable into an array, in order (test helper). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The `id` of a raw record, or undefined (test helper). */
export function idOf(record: unknown): unknown {
  return typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;
}
