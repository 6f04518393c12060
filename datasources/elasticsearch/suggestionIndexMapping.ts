import type { estypes } from '@elastic/elasticsearch';
import type { SuggestionKind } from '../SearchIndex';
import { asciiLowercase } from '../shared/asciiLowercase';
import type { InstitutionRecord, SourceRecord, TopicRecord } from '../types';
import type { AuthorWrite } from '../writes/catalogWrite';

/** The suggestion index of a works index: its name with this suffix (`works` → `works_suggestions`). */
export const SUGGESTION_INDEX_SUFFIX = '_suggestions';

/** The name of the entity-suggestion index beside the works index `workIndex`. */
export const suggestionIndexOf = (workIndex: string) => `${workIndex}${SUGGESTION_INDEX_SUFFIX}`;

/** One shard, no replicas, like the works index (WORK_INDEX_SETTINGS). */
export const SUGGESTION_INDEX_SETTINGS: estypes.IndicesIndexSettings = { number_of_shards: 1, number_of_replicas: 0 };

/**
 * Explicit and strict. `name` is the display name as the works index holds titles: `text` with the `standard`
 * analyzer and its words' 1–10 letter prefixes (`index_prefixes`), so autocomplete's `term` and `prefix` filters are
 * term lookups. `name_sort` is the name with A–Z lowercased (byte order, as PostgreSQL's `COLLATE "C"` tie-break);
 * `popularity` the ranking measure (README, "Autocomplete"); `name_counted` whether an author's name came from a
 * record with works counts (the catalog's rule for which sighting names an author, foldAuthors).
 */
export const SUGGESTION_INDEX_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    kind: { type: 'keyword' },
    id: { type: 'keyword' },
    name: { type: 'text', analyzer: 'standard', index_prefixes: { min_chars: 1, max_chars: 10 } },
    name_sort: { type: 'keyword' },
    popularity: { type: 'long' },
    name_counted: { type: 'boolean' },
  },
};

/** An entity as the suggestion index holds it (`_id` = the entity's short id, unique across kinds by its letter). */
export interface SuggestionDocument {
  readonly kind: SuggestionKind;
  readonly id: string;
  readonly name: string;
  readonly name_sort: string;
  readonly popularity: number;
  readonly name_counted: boolean;
}

/** The document of a topic, institution or source: popularity 0 (README: why these rank by name). */
export function entitySuggestion(kind: Exclude<SuggestionKind, 'author'>, entity: TopicRecord | InstitutionRecord | SourceRecord): SuggestionDocument {
  return { kind, id: entity.id, name: entity.displayName, name_sort: asciiLowercase(entity.displayName), popularity: 0, name_counted: true };
}

/** The document of an author when none is stored yet: popularity its OpenAlex `cited_by_count`, 0 when unknown. */
export function authorSuggestion(author: AuthorWrite): SuggestionDocument {
  return {
    kind: 'author',
    id: author.id,
    name: author.displayName,
    name_sort: asciiLowercase(author.displayName),
    popularity: author.citedByCount ?? 0,
    name_counted: author.worksCount !== null,
  };
}

/**
 * A stored author document as a sighting (name counted or not, popularity as its count), so that folding it with the
 * batch's sightings by the catalog's merge rule (foldAuthors, catalogMergeSql) gives the document PostgreSQL's row
 * holds. Unknown counts are 0 in the index, which ranks and folds as "unknown" does.
 */
export function storedAuthorSighting(doc: SuggestionDocument): AuthorWrite {
  return {
    id: doc.id,
    displayName: doc.name,
    orcid: null,
    worksCount: doc.name_counted ? 0 : null,
    citedByCount: doc.popularity,
    hIndex: null,
    institutionIds: [],
    complete: doc.name_counted,
  };
}
