import type { WorkFilter } from '../types';

/** The facets of a search, each counting one top-level field of the filter. */
export type FacetName = 'publicationYear' | 'type' | 'isOpenAccess' | 'topic';

export const FACET_NAMES: readonly FacetName[] = ['publicationYear', 'type', 'isOpenAccess', 'topic'];

/** A filter split for multi-select facets: what every count obeys, and each facet's own condition. */
export interface FacetedFilter {
  /** Everything but the facets' own top-level fields (`citedByCount`, `doi`, `authorId`, `and`, `or`). */
  readonly base: WorkFilter | undefined;
  /** Each facet's own condition (`publicationYear`, `type`, `isOpenAccess`, `topicId` at the top level), when set. */
  readonly own: Readonly<Record<FacetName, WorkFilter | undefined>>;
}

/**
 * Splits a filter for multi-select facets (Elasticsearch's post_filter practice): the hits obey the whole
 * filter; a facet's counts obey everything except its own top-level field, so picking a value still shows its
 * alternatives. Conditions nested in `and`/`or` are never a facet's own: they narrow every count.
 */
export function splitFacetFilter(filter: WorkFilter | undefined): FacetedFilter {
  if (filter === undefined) return { base: undefined, own: { publicationYear: undefined, type: undefined, isOpenAccess: undefined, topic: undefined } };
  const { publicationYear, type, isOpenAccess, topicId, ...base } = filter;
  return {
    base,
    own: {
      publicationYear: publicationYear == null ? undefined : { publicationYear },
      type: type == null ? undefined : { type },
      isOpenAccess: isOpenAccess == null ? undefined : { isOpenAccess },
      topic: topicId == null ? undefined : { topicId },
    },
  };
}

/** The conditions a facet's counts obey besides the base: every other facet's own condition. */
export function otherFacets(split: FacetedFilter, facet: FacetName): WorkFilter[] {
  return FACET_NAMES.filter((f) => f !== facet).flatMap((f) => (split.own[f] === undefined ? [] : [split.own[f] as WorkFilter]));
}
