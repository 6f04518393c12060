import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '../../core/errors';
import type { PersistedDocuments } from './PersistedDocuments';
import { RequestLimitError, withHttpStatus } from './RequestLimitError';

/**
 * Allow-list (persisted documents only) mode: an operation runs only if its document is one of `documents`,
 * whether the client sent its id (`extensions.persistedQuery.sha256Hash`, served from the persisted-query
 * cache) or its full text. Anything else is QUERY_NOT_IN_SAFELIST, 400, before execution; an unknown id
 * alone is Apollo's PERSISTED_QUERY_NOT_FOUND.
 */
export function allowListPlugin<TContext extends BaseContext>(documents: PersistedDocuments): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          // queryHash is the id the client sent, or the SHA-256 of the text it sent (Apollo computes it).
          if (documents.allows(queryHash)) return;
          throw withHttpStatus(
            new RequestLimitError(ErrorCode.QueryNotInSafelist, 'This server only runs persisted documents, and this one is not among them.'),
            400,
          );
        },
      };
    },
  };
}
