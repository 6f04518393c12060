import type { estypes } from '@elastic/elasticsearch';
import { bylineAuthorIds } from '../writes/bylineAuthorIds';
import type { WorkWrite } from '../writes/catalogWrite';
import { asciiLowercase } from '../shared/asciiLowercase';
import type { WorkDocumentLookups } from './workDocumentLookups';

/** The default name of the works index. */
export const DEFAULT_WORK_INDEX = 'works';

/**
 * One shard, so that BM25 statistics and terms-aggregation counts are exact (the index is a projection of
 * a catalog that fits one shard; rebuild it to reshard). No replicas: the node may run alone.
 */
export const WORK_INDEX_SETTINGS: estypes.IndicesIndexSettings = {
  number_of_shards: 1,
  number_of_replicas: 0,
};

/**
 * Explicit and strict: title and abstract are `text` with the core `standard` analyzer (lowercased Unicode
 * words, no stemming, no stop words — the same words as PostgreSQL's `simple` configuration); the title
 * also indexes its words' 1–10 letter prefixes (`index_prefixes`) so autocomplete's `prefix` query is a
 * term lookup. Filters, facets and sorts read keyword/numeric/boolean doc values (`publication_date` an ISO date
 * keyword, `title_sort` the title with A–Z lowercased: byte order, as PostgreSQL's search sorts). The keyword
 * lists filter and group works as the catalog's joins do (`institution_ids`, `country_codes` and `topic_*` are
 * denormalised from the byline's institutions and the work's topics when the work is projected).
 */
export const WORK_INDEX_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    title: { type: 'text', analyzer: 'standard', index_prefixes: { min_chars: 1, max_chars: 10 } },
    abstract: { type: 'text', analyzer: 'standard' },
    publication_year: { type: 'integer' },
    publication_date: { type: 'keyword' },
    title_sort: { type: 'keyword' },
    type: { type: 'keyword' },
    is_open_access: { type: 'boolean' },
    cited_by_count: { type: 'integer' },
    doi: { type: 'keyword' },
    author_ids: { type: 'keyword' },
    topic_ids: { type: 'keyword' },
    language: { type: 'keyword' },
    source_id: { type: 'keyword' },
    institution_ids: { type: 'keyword' },
    country_codes: { type: 'keyword' },
    topic_fields: { type: 'keyword' },
    topic_subfields: { type: 'keyword' },
    topic_domains: { type: 'keyword' },
    has_abstract: { type: 'boolean' },
    referenced_work_ids: { type: 'keyword' },
  },
};

/** A work as the index holds it (`_id` = id). */
export interface WorkDocument {
  readonly id: string;
  readonly title: string | null;
  readonly abstract: string | null;
  readonly publication_year: number | null;
  /** ISO date (YYYY-MM-DD). */
  readonly publication_date: string | null;
  /** The title with A–Z lowercased (no locale: the same on every store), `''` without a title. */
  readonly title_sort: string;
  readonly type: string | null;
  readonly is_open_access: boolean;
  readonly cited_by_count: number;
  readonly doi: string | null;
  /** The distinct authors of the byline; a name OpenAlex could not attach to an author adds none. */
  readonly author_ids: readonly string[];
  readonly topic_ids: readonly string[];
  /** ISO 639-1 code as the catalog stores it (OpenAlex `language`). */
  readonly language: string | null;
  /** The primary location's source (OpenAlex `primary_location.source`). */
  readonly source_id: string | null;
  /** The distinct institutions of every byline entry (an entry naming no author included). */
  readonly institution_ids: readonly string[];
  /** The distinct countries (ISO 3166-1 alpha-2, uppercase) of those institutions; one without a known country adds none. */
  readonly country_codes: readonly string[];
  /** The distinct field, subfield and domain display names of the work's topics. */
  readonly topic_fields: readonly string[];
  readonly topic_subfields: readonly string[];
  readonly topic_domains: readonly string[];
  /** The abstract is non-null and non-empty. */
  readonly has_abstract: boolean;
  /** Every referenced work (OpenAlex `referenced_works`), loaded here or not. */
  readonly referenced_work_ids: readonly string[];
}

/**
 * The document of a catalog work: what search, filters, facets and autocomplete read. `lookups` resolves the
 * work's institutions to countries and its topics to their hierarchy (see workDocumentLookups).
 */
export function toWorkDocument(work: WorkWrite, lookups: WorkDocumentLookups): WorkDocument {
  const institutionIds = distinct(work.authorships.flatMap((a) => a.institutionIds));
  const topics = work.topics.flatMap((t) => lookups.topicOf(t.topicId) ?? []);
  const names = (pick: (t: (typeof topics)[number]) => string | null) => distinct(topics.flatMap((t) => pick(t) ?? []));
  return {
    id: work.id,
    title: work.title,
    abstract: work.abstract,
    publication_year: work.publicationYear,
    publication_date: work.publicationDate,
    title_sort: asciiLowercase(work.title ?? ''),
    type: work.type,
    is_open_access: work.isOpenAccess,
    cited_by_count: work.citedByCount,
    doi: work.doi,
    author_ids: bylineAuthorIds(work.authorships),
    topic_ids: distinct(work.topics.map((t) => t.topicId)),
    language: work.language,
    source_id: work.sourceId,
    institution_ids: institutionIds,
    country_codes: distinct(institutionIds.flatMap((id) => lookups.countryOf(id) ?? [])),
    topic_fields: names((t) => t.field),
    topic_subfields: names((t) => t.subfield),
    topic_domains: names((t) => t.domain),
    has_abstract: work.abstract !== null && work.abstract !== '',
    referenced_work_ids: distinct(work.referencedWorkIds),
  };
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
