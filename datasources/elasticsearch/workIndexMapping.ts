import type { estypes } from '@elastic/elasticsearch';
import { bylineAuthorIds } from '../writes/bylineAuthorIds';
import type { WorkWrite } from '../writes/catalogWrite';
import { asciiLowercase } from '../shared/asciiLowercase';

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
 * keyword, `title_sort` the title with A–Z lowercased: byte order, as PostgreSQL's search sorts).
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
}

/** The document of a catalog work: what search, filters, facets and autocomplete read. */
export function toWorkDocument(work: WorkWrite): WorkDocument {
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
    topic_ids: [...new Set(work.topics.map((t) => t.topicId))],
  };
}
