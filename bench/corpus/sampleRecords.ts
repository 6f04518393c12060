import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { type AuthorNames } from './authorPool';

/** The shipped OpenAlex sample (provenance in data/sample/SOURCES.md). */
export const SAMPLE_DIR = path.join(__dirname, '..', '..', 'data', 'sample');

/** A real work of the sample, as a template for generated works. */
export interface SampleWork {
  /** The raw OpenAlex record, never altered. */
  readonly record: Readonly<Record<string, unknown>>;
  /** Its short id (`W2559507379`). */
  readonly id: string;
  readonly publicationYear: number;
  /** Its `referenced_works` entries that are not sample works, as written (URL form). */
  readonly externalReferences: readonly string[];
  /** How many of its byline entries name an author (OpenAlex could not attach the others: `"author": {"id": null}`). */
  readonly attachedAuthors: number;
}

/** What the generator takes from the sample. */
export interface SampleCorpus {
  /** Every sample work once (the first record met for an id, files in name order), with a publication year. */
  readonly works: readonly SampleWork[];
  /** The short ids of all sample works. */
  readonly ids: ReadonlySet<string>;
  /** The works' publication years, ascending: the distribution generated years are drawn from. */
  readonly publicationYears: readonly number[];
  /** Given and family names of the authors the sample's bylines and author files name, distinct and sorted. */
  readonly names: AuthorNames;
  /** The latest year the sample knows of (publication or `counts_by_year`): no generated count goes past it. */
  readonly horizonYear: number;
}

type Json = Record<string, unknown>;

const WORK_ID = /(?:^|\/)(W\d+)$/i;
const AUTHOR_ID = /(?:^|\/)A\d+$/i;

function shortWorkId(value: unknown): string | undefined {
  return typeof value === 'string' ? WORK_ID.exec(value)?.[1]?.toUpperCase() : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return filesUnder(full);
      return /\.jsonl?$/.test(name) ? [full] : [];
    });
}

/** The records of one file: an author file's works (and its author), an API page's results, or each JSON line. */
function recordsOf(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  }
  const document = JSON.parse(text) as unknown;
  if (!isObject(document)) return [];
  return [document['details'], ...(Array.isArray(document['works']) ? document['works'] : []), ...(Array.isArray(document['results']) ? document['results'] : [])];
}

function namesOf(records: readonly Json[]): AuthorNames {
  const given = new Set<string>();
  const family = new Set<string>();
  const add = (name: unknown) => {
    if (typeof name !== 'string') return;
    const parts = name.trim().split(/\s+/);
    if (parts.length < 2) return;
    family.add(parts.pop() as string);
    given.add(parts.join(' '));
  };
  for (const record of records) {
    if (typeof record['id'] === 'string' && AUTHOR_ID.test(record['id'])) add(record['display_name']); // an author file's author
    for (const entry of Array.isArray(record['authorships']) ? record['authorships'] : []) {
      // Only attached authors: an unattached byline name is printed as it came ("Li, Jian").
      if (isObject(entry) && isObject(entry['author']) && entry['author']['id'] != null) add(entry['author']['display_name']);
    }
  }
  return { given: [...given].sort(), family: [...family].sort() };
}

/**
 * Reads the sample under `dir` with plain JSON parsing (none of the gateway's reader): author files
 * `{details, works}`, API pages `{meta, results}` and JSON Lines, recursively in name order; keeps the works (ids
 * `W…`) with an integer `publication_year`, each once. Throws if the sample cannot be read or holds no work.
 */
export function loadSampleCorpus(dir: string = SAMPLE_DIR): SampleCorpus {
  const records = filesUnder(dir).flatMap(recordsOf).filter(isObject);
  const byId = new Map<string, Json>();
  for (const record of records) {
    const id = shortWorkId(record['id']);
    if (id !== undefined && Number.isInteger(record['publication_year']) && !byId.has(id)) byId.set(id, record);
  }
  if (byId.size === 0) throw new Error(`no OpenAlex work with a publication year under ${dir}`);
  const ids = new Set(byId.keys());
  let horizonYear = 0;
  const works = [...byId].map(([id, record]): SampleWork => {
    const publicationYear = record['publication_year'] as number;
    horizonYear = Math.max(horizonYear, publicationYear);
    for (const count of Array.isArray(record['counts_by_year']) ? record['counts_by_year'] : []) {
      if (isObject(count) && Number.isInteger(count['year'])) horizonYear = Math.max(horizonYear, count['year'] as number);
    }
    const references = Array.isArray(record['referenced_works']) ? record['referenced_works'] : [];
    const authorships = Array.isArray(record['authorships']) ? record['authorships'] : [];
    return {
      record,
      id,
      publicationYear,
      externalReferences: references.filter((ref): ref is string => typeof ref === 'string' && !ids.has(shortWorkId(ref) ?? '')),
      attachedAuthors: authorships.filter((a) => isObject(a) && isObject(a['author']) && a['author']['id'] != null).length,
    };
  });
  return {
    works,
    ids,
    publicationYears: works.map((w) => w.publicationYear).sort((a, b) => a - b),
    names: namesOf(records),
    horizonYear,
  };
}
