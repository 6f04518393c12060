import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Ground truth for the shipped sample, computed straight from data/sample's JSON with JSON.parse and none
 * of the gateway's own code, so tests compare the API with the source and not with itself.
 */
export interface TruthWork {
  id: string;
  doi: string | null;
  title: string | null;
  abstract: string | null;
  publicationYear: number | null;
  publicationDate: string | null;
  type: string | null;
  citedByCount: number;
  isOpenAccess: boolean;
  authorships: { position: number; authorId: string; displayName: string }[];
  referencedWorkIds: string[];
  topicIds: string[];
  countsByYear: { year: number; cited_by_count: number }[];
}

export interface TruthAuthor {
  id: string;
  displayName: string;
  worksCount: number;
  citedByCount: number;
  hIndex: number;
}

const SAMPLE_DIR = path.join(__dirname, '..', '..', 'data', 'sample');

const short = (url: string) => url.replace(/^https:\/\/openalex\.org\//, '').toUpperCase();

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return jsonFiles(full);
      return name.endsWith('.json') ? [full] : [];
    });
}

function rebuildAbstract(index: Record<string, number[]> | null): string | null {
  if (!index) return null;
  const placed: [number, string][] = Object.entries(index).flatMap(([word, positions]) => positions.map((p): [number, string] => [p, word]));
  if (placed.length === 0) return null;
  return placed
    .sort((a, b) => a[0] - b[0])
    .map(([, word]) => word)
    .join(' ');
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw OpenAlex JSON */
function toTruthWork(w: any): TruthWork {
  return {
    id: short(w.id),
    doi: w.doi ? String(w.doi).toLowerCase() : null,
    title: w.title ?? w.display_name ?? null,
    abstract: rebuildAbstract(w.abstract_inverted_index),
    publicationYear: w.publication_year ?? null,
    publicationDate: w.publication_date ?? null,
    type: w.type ?? null,
    citedByCount: w.cited_by_count ?? 0,
    isOpenAccess: w.open_access?.is_oa === true,
    authorships: (w.authorships ?? []).map((a: any, i: number) => ({
      position: i + 1,
      authorId: short(a.author.id),
      displayName: a.author.display_name,
    })),
    referencedWorkIds: (w.referenced_works ?? []).map(short),
    topicIds: (w.topics ?? []).map((t: any) => short(t.id)),
    countsByYear: w.counts_by_year ?? [],
  };
}

function load() {
  const works = new Map<string, TruthWork>();
  const authors = new Map<string, TruthAuthor>();
  for (const file of jsonFiles(SAMPLE_DIR)) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as any;
    if (doc.details) {
      const d = doc.details;
      authors.set(short(d.id), {
        id: short(d.id),
        displayName: d.display_name,
        worksCount: d.works_count,
        citedByCount: d.cited_by_count,
        hIndex: d.summary_stats?.h_index,
      });
    }
    for (const w of doc.works ?? doc.results ?? []) works.set(short(w.id), toTruthWork(w));
  }
  return { works, authors };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let cached: ReturnType<typeof load> | undefined;

/** Works and authors of data/sample, by short id (a work in several files: the last file in name order wins). */
export function sampleGroundTruth(): ReturnType<typeof load> {
  return (cached ??= load());
}

/** Byte-order comparison, as the gateway's `COLLATE "C"` sorts. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
