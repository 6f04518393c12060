import { doiUrl } from '../src/core/domain/doi';
import type { Resolvers } from '../src/generated/graphql';
import { connectionFromPagePromise, lazyConnection } from './mappers/Connection';
import { exactlyOne, requireDoi } from './externalIds';
import { requireId, toWorkFilter } from './inputs';
import { isRecord } from './isRecord';
import { afterCursor, connectionFields, pageSize } from './pagination';
import { toTrendRange } from './trendInputs';
import { loadWorkPage } from './workPages';
import { loadExisting } from './loadExisting';

export const workResolvers: Resolvers = {
  Query: {
    work: (_parent, args, { loaders }) => {
      const given = exactlyOne(args, 'id', 'doi');
      return given.name === 'id' ? loaders.work.load(requireId(given.value, 'W', 'id')) : loaders.workByDoi.load(requireDoi(given.value, 'doi'));
    },
    works: (_parent, args, { catalog }) =>
      connectionFromPagePromise(
        catalog.findWorks({
          filter: toWorkFilter(args.filter),
          sort: args.sort ?? ['CITED_BY_COUNT_DESC'],
          first: pageSize(args.first),
          after: afterCursor(args.after),
        }),
      ),
  },
  Work: {
    doi: (work) => (work.doi === null ? null : doiUrl(work.doi)),
    // At most `first` entries: the schema's @listSize cuts the list (src/http/limits/boundedSchema.ts).
    authorships: (work, _args, { loaders }) => loaders.authorships.load(work.id),
    authorshipCount: async (work, _args, { loaders }) => (await loaders.authorships.load(work.id)).length,
    topics: (work, _args, { loaders }) => loaders.workTopics.load(work.id),
    primaryTopic: (work, _args, { loaders }) => (work.primaryTopicId === null ? null : loaders.topic.load(work.primaryTopicId)),
    source: (work, _args, { loaders }) => (work.sourceId === null ? null : loaders.source.load(work.sourceId)),
    citedBy: (work, args, { loaders }) => {
      const key = { id: work.id, first: pageSize(args.first), after: afterCursor(args.after), sort: args.sort ?? ['CITED_BY_COUNT_DESC' as const] };
      return lazyConnection(
        async () => loadWorkPage(await loaders.citedBy.load(key), loaders),
        () => loaders.citedByCount.load(work.id),
      );
    },
    references: (work, args, { loaders }) => {
      const key = { id: work.id, first: pageSize(args.first), after: afterCursor(args.after), sort: [] };
      return lazyConnection(
        async () => loadWorkPage(await loaders.references.load(key), loaders),
        () => loaders.referencesCount.load(work.id),
      );
    },
    trend: (work, args, { loaders }) => loaders.trend.load({ subject: { kind: 'work', id: work.id }, range: toTrendRange(args.from, args.to, 'YEAR') }),
  },
  Authorship: {
    // A name OpenAlex could not attach to an author names nobody; authorships.author_id references authors(id).
    author: (authorship, _args, { loaders }) =>
      authorship.authorId === null ? null : loadExisting(loaders.author, authorship.authorId, `author ${authorship.authorId} of work ${authorship.workId}`),
    institutions: async (authorship, _args, { loaders }) =>
      (await loaders.institution.loadMany(authorship.institutionIds)).filter(isRecord),
  },
  WorkTopic: {
    topic: (workTopic, _args, { loaders }) => loadExisting(loaders.topic, workTopic.topicId, `topic ${workTopic.topicId}`),
  },
  WorkConnection: connectionFields,
};
