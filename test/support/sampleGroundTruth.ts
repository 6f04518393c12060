import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Ground truth for the shipped sample, computed straight from data/sample's JSON with JSON.parse and none
 * of the gateway's own code, so tests compare the API with the source and not with itself.
 */
export interface TruthWork {
  id: string;
  doi: string | null;
  /** The plain title: OpenAlex's tags removed, then its character references decoded (see `plain`). */
  title: string | null;
  /** The title exactly as OpenAlex gives it. */
  titleMarkup: string | null;
  /** The plain abstract, rebuilt from the inverted index. */
  abstract: string | null;
  publicationYear: number | null;
  publicationDate: string | null;
  type: string | null;
  citedByCount: number;
  isOpenAccess: boolean;
  /** `open_access.oa_status` as OpenAlex gives it (lowercase), or null. */
  oaStatus: string | null;
  /** `open_access.oa_url`, else `best_oa_location`'s pdf_url or landing_page_url, or null. */
  oaUrl: string | null;
  /** `related_works`, short ids in OpenAlex order. */
  relatedWorkIds: string[];
  authorships: TruthAuthorship[];
  referencedWorkIds: string[];
  topicIds: string[];
  countsByYear: { year: number; cited_by_count: number }[];
}

/**
 * One byline entry. `authorId` and `displayName` are null where OpenAlex could not attach the name to an author
 * (`"author": {"id": null, …}`); `rawAuthorName` is the name as printed (`raw_author_name`, else the author's
 * `display_name`), for every entry.
 */
export interface TruthAuthorship {
  position: number;
  authorPosition: string | null;
  authorId: string | null;
  displayName: string | null;
  rawAuthorName: string;
  institutionIds: string[];
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

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** Plain text of OpenAlex markup, computed here on its own: every `<tag>` / `</tag>` dropped, then the five XML entities decoded. */
function plain(text: string | null): string | null {
  if (text === null) return null;
  return text.replace(/<\/?[a-zA-Z][^<>]*>/g, '').replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e] as string);
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
    title: plain(w.title ?? w.display_name ?? null),
    titleMarkup: w.title ?? w.display_name ?? null,
    abstract: plain(rebuildAbstract(w.abstract_inverted_index)),
    publicationYear: w.publication_year ?? null,
    publicationDate: w.publication_date ?? null,
    type: w.type ?? null,
    citedByCount: w.cited_by_count ?? 0,
    isOpenAccess: w.open_access?.is_oa === true,
    oaStatus: w.open_access?.oa_status ?? null,
    oaUrl: w.open_access?.oa_url ?? w.best_oa_location?.pdf_url ?? w.best_oa_location?.landing_page_url ?? null,
    relatedWorkIds: (w.related_works ?? []).map(short),
    authorships: (w.authorships ?? []).map(
      (a: any, i: number): TruthAuthorship => ({
        position: i + 1,
        authorPosition: a.author_position ?? null,
        authorId: a.author.id === null ? null : short(a.author.id),
        displayName: a.author.id === null ? null : a.author.display_name,
        rawAuthorName: a.raw_author_name || a.author.display_name,
        institutionIds: [...new Set<string>((a.institutions ?? []).map((inst: any) => short(inst.id)))],
      }),
    ),
    referencedWorkIds: (w.referenced_works ?? []).map(short),
    topicIds: (w.topics ?? []).map((t: any) => short(t.id)),
    countsByYear: w.counts_by_year ?? [],
  };
}

function load() {
  const works = new Map<string, TruthWork>();
  const authors = new Map<string, TruthAuthor>();
  for (const file of sampleFiles(SAMPLE_DIR)) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.jsonl')) {
      // JSON Lines: one entity per line; only the works count here (the snapshot's institutions and sources do not).
      const records = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as any);
      for (const r of records) if (/^https:\/\/openalex\.org\/W/i.test(String(r.id))) works.set(short(r.id), toTruthWork(r));
      continue;
    }
    const doc = JSON.parse(text) as any;
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

/**
 * A figure of the counts table in data/sample/SOURCES.md (`| Unique works | 250 |`), which test/unit/seed
 * recomputes from the files; throws when the table has no such row.
 */
export function statedSampleCount(label: string): number {
  const table = readFileSync(path.join(SAMPLE_DIR, 'SOURCES.md'), 'utf8');
  const row = table.split('\n').find((line) => line.startsWith(`| ${label} |`));
  const value = Number(row?.split('|')[2]?.trim());
  if (!Number.isInteger(value)) throw new Error(`data/sample/SOURCES.md states no "${label}"`);
  return value;
}

/** The distinct authors a work's byline names, in byline order (names without an author id name nobody). */
export function namedAuthorIds(work: TruthWork): string[] {
  return [...new Set(work.authorships.flatMap((a) => (a.authorId === null ? [] : [a.authorId])))];
}

/** Byte-order comparison, as the gateway's `COLLATE "C"` sorts. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
