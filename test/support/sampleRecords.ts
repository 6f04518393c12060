import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The shipped sample's raw OpenAlex JSON, read with JSON.parse and none of the gateway's code, for the ground truths
 * (sampleGroundTruth, entityGroundTruth, workFilterGroundTruth, suggestionGroundTruth) to compute from on their own.
 */
export interface SampleRecord {
  /**
   * `work`, `institution`, `source`: a line of a `.jsonl` snapshot file (by its id's prefix; other lines are left out)
   * or an entry of a `.json` document's `works`/`results`; `author`: a `.json` document's `details` (the Author record).
   */
  readonly kind: 'work' | 'institution' | 'source' | 'author';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw OpenAlex JSON
  readonly json: any;
}

/** data/sample, where the shipped sample lives. */
export const SAMPLE_DIR = path.join(__dirname, '..', '..', 'data', 'sample');

/** An OpenAlex id URL as a short uppercase id (`https://openalex.org/w1` → `W1`). */
export const shortId = (url: string) => url.replace(/^https:\/\/openalex\.org\//, '').toUpperCase();

const JSONL_KINDS: Record<string, SampleRecord['kind']> = { W: 'work', I: 'institution', S: 'source' };

/** The sample's `.json` documents and `.jsonl` files, recursively, in name order. */
function sampleFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return sampleFiles(full);
      return name.endsWith('.json') || name.endsWith('.jsonl') ? [full] : [];
    });
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw OpenAlex JSON */
function load(): SampleRecord[] {
  const records: SampleRecord[] = [];
  for (const file of sampleFiles(SAMPLE_DIR)) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.jsonl')) {
      // JSON Lines: one entity per line, its kind the prefix of its id.
      for (const json of text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as any)) {
        const kind = JSONL_KINDS[shortId(String(json.id)).charAt(0)];
        if (kind !== undefined) records.push({ kind, json });
      }
      continue;
    }
    // An author's document (its Author record in `details`, then its works) or an API page of works (`results`).
    const doc = JSON.parse(text) as any;
    if (doc.details) records.push({ kind: 'author', json: doc.details });
    for (const json of doc.works ?? doc.results ?? []) records.push({ kind: 'work', json });
  }
  return records;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let cached: readonly SampleRecord[] | undefined;

/** Every record of data/sample in file name order, and within a file in its order (a work in several files: each sighting). */
export function sampleRecords(): readonly SampleRecord[] {
  return (cached ??= load());
}
