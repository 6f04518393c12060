import { orcidUrl } from '../src/domain/orcid';
import type { Resolvers } from '../src/generated/graphql';
import { requireId, toAuthorFilter } from './inputs';
import { afterCursor, connectionFields, pageSize } from './pagination';
import { isRecord } from './work';

export const authorResolvers: Resolvers = {
  Query: {
    author: (_parent, { id }, { loaders }) => loaders.author.load(requireId(id, 'A', 'id')),
    authors: (_parent, args, { catalog }) =>
      catalog.findAuthors({
        filter: toAuthorFilter(args.filter),
        sort: args.sort ?? ['CITED_BY_COUNT_DESC'],
        first: pageSize(args.first),
        after: afterCursor(args.after),
      }),
  },
  Author: {
    orcid: (author) => (author.orcid === null ? null : orcidUrl(author.orcid)),
    institutions: async (author, _args, { loaders }) => (await loaders.institution.loadMany(author.institutionIds)).filter(isRecord),
    works: (author, args, { loaders }) =>
      loaders.authorWorks.load({
        authorId: author.id,
        first: pageSize(args.first),
        after: afterCursor(args.after),
        sort: args.sort ?? ['PUBLICATION_DATE_DESC'],
      }),
  },
  AuthorConnection: connectionFields,
};
