import { doiUrl } from '../src/domain/doi';
import type { Resolvers } from '../src/generated/graphql';
import { requireId, toWorkFilter } from './inputs';
import { afterCursor, connectionFields, pageSize } from './pagination';

export const workResolvers: Resolvers = {
  Query: {
    work: (_parent, { id }, { loaders }) => loaders.work.load(requireId(id, 'W', 'id')),
    works: (_parent, args, { catalog }) =>
      catalog.findWorks({
        filter: toWorkFilter(args.filter),
        sort: args.sort ?? ['CITED_BY_COUNT_DESC'],
        first: pageSize(args.first),
        after: afterCursor(args.after),
      }),
  },
  Work: {
    doi: (work) => (work.doi === null ? null : doiUrl(work.doi)),
    authorships: (work, _args, { loaders }) => loaders.authorships.load(work.id),
    topics: (work, _args, { loaders }) => loaders.workTopics.load(work.id),
    primaryTopic: (work, _args, { loaders }) => (work.primaryTopicId === null ? null : loaders.topic.load(work.primaryTopicId)),
    source: (work, _args, { loaders }) => (work.sourceId === null ? null : loaders.source.load(work.sourceId)),
  },
  Authorship: {
    author: async (authorship, _args, { loaders }) => {
      const author = await loaders.author.load(authorship.authorId);
      // authorships.author_id references authors(id), so a missing author is a broken invariant.
      if (author === null) throw new Error(`author ${authorship.authorId} of work ${authorship.workId} is missing`);
      return author;
    },
    institutions: async (authorship, _args, { loaders }) =>
      (await loaders.institution.loadMany(authorship.institutionIds)).filter(isRecord),
  },
  WorkTopic: {
    topic: async (workTopic, _args, { loaders }) => {
      const topic = await loaders.topic.load(workTopic.topicId);
      if (topic === null) throw new Error(`topic ${workTopic.topicId} is missing`);
      return topic;
    },
  },
  WorkConnection: connectionFields,
};

/** Drops the nulls (unknown ids) and errors of a `loadMany`; errors of a whole batch were thrown already. */
export function isRecord<T extends object>(value: T | null | Error): value is T {
  return value !== null && !(value instanceof Error);
}
