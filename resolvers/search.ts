import { BadUserInputError } from '../src/core/errors';
import type { Resolvers } from '../src/generated/graphql';
import { toWorkFilter } from './inputs';
import { isRecord } from './isRecord';
import { afterCursor, pageSize } from './pagination';
import { loadExisting } from './loadExisting';
import { searchWants } from './searchWants';
import { workGroups } from './workGroups';

export const MAX_QUERY_LENGTH = 500;

/** The search text: absent or blank browses (''); longer than MAX_QUERY_LENGTH is BAD_USER_INPUT on `query`. */
function queryText(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  if (text.length > MAX_QUERY_LENGTH) throw new BadUserInputError(`query is longer than ${MAX_QUERY_LENGTH} characters`, 'query');
  return text;
}

export const searchResolvers: Resolvers = {
  Query: {
    searchWorks: (_parent, args, { search }, info) => {
      const query = queryText(args.query);
      const filter = toWorkFilter(args.filter);
      // Only what the selection reads is fetched (searchWants): no facet counts for a page, no page for a total.
      const result = search.search(query, filter, { first: pageSize(args.first), after: afterCursor(args.after), sort: args.sort == null ? [] : [args.sort] }, searchWants(info));
      // Every field that reads the result awaits it (and gets its error); one that reads none must not leave it unhandled.
      result.catch(() => undefined);
      return { result, query, filter };
    },
    groupWorks: (_parent, args, { search }) => workGroups(search, queryText(args.query), toWorkFilter(args.filter), args),
  },
  WorkSearchConnection: {
    // The search result is awaited too (free when nothing else is selected: no statement is sent), so that a bad `after`
    // is BAD_USER_INPUT whatever the selection.
    groupBy: async ({ query, filter, result }, args, { search }) => (await Promise.all([workGroups(search, query, filter, args), result]))[0],
    totalCount: async ({ result }) => (await result).page.totalCount(),
    edges: async ({ result }) => (await result).page.edges.map((e) => ({ cursor: e.cursor, hit: e.node })),
    nodes: async ({ result }, _args, { loaders }) => {
      const works = await loaders.work.loadMany((await result).page.edges.map((e) => e.node.workId));
      return works.filter(isRecord);
    },
    pageInfo: async ({ result }) => {
      const { page } = await result;
      return { hasNextPage: page.hasNextPage, endCursor: page.edges.at(-1)?.cursor ?? null };
    },
    facets: async ({ result }, _args, { loaders }) => {
      const { facets } = await result;
      const topics = await loaders.topic.loadMany(facets.topic.map((b) => b.value));
      // Typed keys, as the filter takes them back (the index's buckets are text: a year, a type, true/false, an id).
      return {
        publicationYear: facets.publicationYear.map((b) => ({ ...b, year: Number(b.value), label: null })),
        type: facets.type.map((b) => ({ ...b, type: b.value, label: null })),
        isOpenAccess: facets.isOpenAccess.map((b) => ({ ...b, isOpenAccess: b.value === 'true', label: null })),
        topic: facets.topic.map((b, i) => {
          const topic = topics[i];
          return { ...b, topicId: b.value, label: topic && !(topic instanceof Error) ? topic.displayName : null };
        }),
      };
    },
  },
  WorkSearchEdge: {
    node: ({ hit }, _args, { loaders }) => loadExisting(loaders.work, hit.workId, `search hit ${hit.workId}`),
    score: ({ hit }) => hit.score,
    highlights: ({ hit }) => hit.highlights,
  },
};
