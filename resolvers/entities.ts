import type { WorkOwnerKind } from '../datasources/types';
import type { Resolvers, WorkSort } from '../src/generated/graphql';
import type { Loaders } from '../src/loaders/createLoaders';
import { DEFAULT_ENTITY_SORT, toInstitutionFilter, toSourceFilter, toTopicFilter } from './entityInputs';
import { exactlyOne, requireIssn, requireRor } from './externalIds';
import { requireId } from './inputs';
import { loadExisting } from './loadExisting';
import { connectionFromPagePromise } from './mappers/Connection';
import { afterCursor, connectionFields, pageSize, rankSize } from './pagination';
import { toTrendRange } from './trendInputs';

/** The works of an owner: one page through the batched loader, default order most cited first. */
function ownedWorks(owner: WorkOwnerKind, id: string, args: { first?: number | null; after?: string | null; sort?: readonly WorkSort[] | null }, loaders: Loaders) {
  return connectionFromPagePromise(
    loaders.ownedWorks.load({ owner, id, first: pageSize(args.first), after: afterCursor(args.after), sort: args.sort ?? ['CITED_BY_COUNT_DESC'] }),
  );
}

/** Roots and fields of topics, sources and institutions (the fields the records carry resolve by name). */
export const entityResolvers: Resolvers = {
  Query: {
    topic: (_parent, { id }, { loaders }) => loaders.topic.load(requireId(id, 'T', 'id')),
    topics: (_parent, args, { catalog }) =>
      connectionFromPagePromise(
        catalog.findTopics({ filter: toTopicFilter(args.filter), sort: args.sort ?? DEFAULT_ENTITY_SORT, first: pageSize(args.first), after: afterCursor(args.after) }),
      ),
    source: (_parent, args, { loaders }) => {
      const given = exactlyOne(args, 'id', 'issn');
      return given.name === 'id' ? loaders.source.load(requireId(given.value, 'S', 'id')) : loaders.sourceByIssn.load(requireIssn(given.value, 'issn'));
    },
    sources: (_parent, args, { catalog }) =>
      connectionFromPagePromise(
        catalog.findSources({ filter: toSourceFilter(args.filter), sort: args.sort ?? DEFAULT_ENTITY_SORT, first: pageSize(args.first), after: afterCursor(args.after) }),
      ),
    institution: (_parent, args, { loaders }) => {
      const given = exactlyOne(args, 'id', 'ror');
      return given.name === 'id' ? loaders.institution.load(requireId(given.value, 'I', 'id')) : loaders.institutionByRor.load(requireRor(given.value, 'ror'));
    },
    institutions: (_parent, args, { catalog }) =>
      connectionFromPagePromise(
        catalog.findInstitutions({
          filter: toInstitutionFilter(args.filter),
          sort: args.sort ?? DEFAULT_ENTITY_SORT,
          first: pageSize(args.first),
          after: afterCursor(args.after),
        }),
      ),
  },
  Topic: {
    works: (topic, args, { loaders }) => ownedWorks('topic', topic.id, args, loaders),
    topAuthors: (topic, args, { loaders }) => loaders.topicTopAuthors.load({ id: topic.id, first: rankSize(args.first) }),
    trend: (topic, args, { loaders }) => loaders.trend.load({ subject: { kind: 'topic', id: topic.id }, range: toTrendRange(args.from, args.to, 'YEAR') }),
  },
  Source: {
    works: (source, args, { loaders }) => ownedWorks('source', source.id, args, loaders),
    topAuthors: (source, args, { loaders }) => loaders.sourceTopAuthors.load({ id: source.id, first: rankSize(args.first) }),
  },
  Institution: {
    works: (institution, args, { loaders }) => ownedWorks('institution', institution.id, args, loaders),
    topAuthors: (institution, args, { loaders }) => loaders.institutionTopAuthors.load({ id: institution.id, first: rankSize(args.first) }),
  },
  TopAuthor: {
    // Ranked from authorships, whose author_id references authors(id).
    author: (ranked, _args, { loaders }) => loadExisting(loaders.author, ranked.id, `top author ${ranked.id}`),
  },
  TopTopic: {
    topic: (ranked, _args, { loaders }) => loadExisting(loaders.topic, ranked.id, `top topic ${ranked.id}`),
  },
  TopicConnection: connectionFields,
  SourceConnection: connectionFields,
  InstitutionConnection: connectionFields,
};
