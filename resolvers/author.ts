import { orcidUrl } from '../src/core/domain/orcid';
import type { Resolvers } from '../src/generated/graphql';
import { connectionFromPagePromise } from './mappers/Connection';
import { exactlyOne, requireOrcid } from './externalIds';
import { requireId, toAuthorFilter } from './inputs';
import { isRecord } from './isRecord';
import { afterCursor, connectionFields, pageSize, rankSize } from './pagination';
import { toTrendRange } from './trendInputs';
import { loadExisting } from './loadExisting';

export const authorResolvers: Resolvers = {
  Query: {
    author: (_parent, args, { loaders }) => {
      const given = exactlyOne(args, 'id', 'orcid');
      return given.name === 'id' ? loaders.author.load(requireId(given.value, 'A', 'id')) : loaders.authorByOrcid.load(requireOrcid(given.value, 'orcid'));
    },
    authors: (_parent, args, { catalog }) =>
      connectionFromPagePromise(
        catalog.findAuthors({
          filter: toAuthorFilter(args.filter),
          sort: args.sort ?? ['CITED_BY_COUNT_DESC'],
          first: pageSize(args.first),
          after: afterCursor(args.after),
        }),
      ),
  },
  Author: {
    orcid: (author) => (author.orcid === null ? null : orcidUrl(author.orcid)),
    institutions: async (author, _args, { loaders }) => (await loaders.institution.loadMany(author.institutionIds)).filter(isRecord),
    works: (author, args, { loaders }) =>
      connectionFromPagePromise(
        loaders.ownedWorks.load({
          owner: 'author',
          id: author.id,
          first: pageSize(args.first),
          after: afterCursor(args.after),
          sort: args.sort ?? ['PUBLICATION_DATE_DESC'],
        }),
      ),
    coauthors: async (author, args, { loaders }) =>
      (await loaders.coauthors.load({ authorId: author.id, first: pageSize(args.first), after: undefined })).edges.map((e) => e.node),
    coauthorsConnection: (author, args, { loaders }) =>
      connectionFromPagePromise(loaders.coauthors.load({ authorId: author.id, first: pageSize(args.first), after: afterCursor(args.after) })),
    topTopics: (author, args, { loaders }) => loaders.authorTopTopics.load({ id: author.id, first: rankSize(args.first) }),
    trend: (author, args, { loaders }) => loaders.trend.load({ subject: { kind: 'author', id: author.id }, range: toTrendRange(args.from, args.to, 'YEAR') }),
  },
  Coauthor: {
    author: (coauthor, _args, { loaders }) => loadExisting(loaders.author, coauthor.authorId, `co-author ${coauthor.authorId}`),
  },
  AuthorConnection: connectionFields,
  CoauthorConnection: connectionFields,
};
