import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_DIR, sampleRecords, shortId } from './sampleRecords';

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
    id: shortId(w.id),
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
    relatedWorkIds: (w.related_works ?? []).map(shortId),
    authorships: (w.authorships ?? []).map(
      (a: any, i: number): TruthAuthorship => ({
        position: i + 1,
        authorPosition: a.author_position ?? null,
        authorId: a.author.id === null ? null : shortId(a.author.id),
        displayName: a.author.id === null ? null : a.author.display_name,
        rawAuthorName: a.raw_author_name || a.author.display_name,
        institutionIds: [...new Set<string>((a.institutions ?? []).map((inst: any) => shortId(inst.id)))],
      }),
    ),
    referencedWorkIds: (w.referenced_works ?? []).map(shortId),
    topicIds: (w.topics ?? []).map((t: any) => shortId(t.id)),
    countsByYear: w.counts_by_year ?? [],
  };
}

function load() {
  const works = new Map<string, TruthWork>();
  const authors = new Map<string, TruthAuthor>();
  // Only works and Author records count here (the snapshot's institutions and sources do not).
  for (const { kind, json } of sampleRecords()) {
    if (kind === 'work') works.set(shortId(json.id), toTruthWork(json));
    else if (kind === 'author') {
      authors.set(shortId(json.id), {
        id: shortId(json.id),
        displayName: json.display_name,
        worksCount: json.works_count,
        citedByCount: json.cited_by_count,
        hIndex: json.summary_stats?.h_index,
      });
    }
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
