import { GraphQLError } from 'graphql';
import {
  ArticleRejectedError,
  BadUserInputError,
  ForbiddenError,
  InvalidCursorError,
  NotAnArticleError,
  NotFoundError,
  ReadOnlyWorkError,
  RequestTimeoutError,
  ResponseTooLargeError,
  StoreUnavailableError,
  UnauthenticatedError,
  VersionConflictError,
} from '../../../../../src/core/errors';
import { clientErrorOf, toGraphQLError } from '../../../../../src/http/graphql/graphqlErrors';

describe('the API view of domain errors (graphqlErrors)', () => {
  it('shows an error about nothing in particular as it is: its message and extensions, code included', () => {
    expect(clientErrorOf(new StoreUnavailableError('neo4j', 'circuit breaker is open'))).toEqual({
      message: 'neo4j is unavailable: circuit breaker is open',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', store: 'neo4j' },
    });
    expect(clientErrorOf(new VersionConflictError('Work', 'WG1', 1, 3)).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
    expect(clientErrorOf(new NotFoundError('Work', 'WG1')).extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(clientErrorOf(new ReadOnlyWorkError('W1')).extensions).toEqual({ code: 'FORBIDDEN', reason: 'IMPORTED_FROM_OPENALEX', workId: 'W1' });
    expect(clientErrorOf(new RequestTimeoutError(15_000)).extensions).toEqual({ code: 'REQUEST_TIMEOUT', timeoutMs: 15_000 });
    expect(clientErrorOf(new ResponseTooLargeError(1024)).extensions).toEqual({ code: 'RESPONSE_TOO_LARGE', limit: 1024 });
    expect(clientErrorOf(new UnauthenticatedError('no token')).extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(clientErrorOf(new ForbiddenError('requeue', 'editor', ['admin'])).extensions).toEqual({ code: 'FORBIDDEN', requiredRoles: ['admin'] });
    expect(clientErrorOf(new BadUserInputError('first must be between 0 and 200', 'first')).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('puts a cursor the gateway cannot use on the `after` argument', () => {
    expect(clientErrorOf(new InvalidCursorError('`after` was made for a different sort order'))).toEqual({
      message: '`after` was made for a different sort order',
      extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
    });
  });

  it("names the article input fields a refused write was about, every problem at once, in the mutations' words", () => {
    const seen = clientErrorOf(
      new ArticleRejectedError([
        { kind: 'unknownAuthors', ids: ['A1', 'A2'] },
        { kind: 'unknownWorks', ids: ['W9'] },
        { kind: 'unknownTopics', ids: ['T7'] },
        { kind: 'citesItself' },
        { kind: 'doiTaken', doi: '10.1/x', holder: 'W3' },
      ]),
    );
    expect(seen.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.authorIds',
      problems: [
        { field: 'input.authorIds', message: 'unknown author id(s): A1, A2' },
        { field: 'input.referencedWorkIds', message: 'unknown work id(s): W9' },
        { field: 'input.topicIds', message: 'unknown topic id(s): T7' },
        { field: 'input.referencedWorkIds', message: 'an article cannot cite itself' },
        { field: 'input.doi', message: 'DOI 10.1/x already belongs to work W3' },
      ],
    });
    expect(seen.message).toBe(
      'input.authorIds: unknown author id(s): A1, A2; input.referencedWorkIds: unknown work id(s): W9; input.topicIds: unknown topic id(s): T7; input.referencedWorkIds: an article cannot cite itself; input.doi: DOI 10.1/x already belongs to work W3',
    );
  });

  it('reports a DOI lost to a concurrent write, and a work that is no article, as before', () => {
    expect(clientErrorOf(new ArticleRejectedError([{ kind: 'doiTaken', doi: '10.1/x', holder: undefined }]))).toEqual({
      message: 'doi: another work already has this DOI',
      extensions: { code: 'BAD_USER_INPUT', argument: 'input.doi' },
    });
    expect(clientErrorOf(new NotAnArticleError('W5', 'book'))).toEqual({
      message: 'work W5 is of type book, not an article',
      extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
    });
  });

  it('makes a GraphQLError for Apollo, with an HTTP status when asked, the domain error as its original', () => {
    const error = new UnauthenticatedError('no token');
    const wrapped = toGraphQLError(error, { status: 401 });
    expect(wrapped).toBeInstanceOf(GraphQLError);
    expect(wrapped.originalError).toBe(error);
    expect(wrapped.extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    expect(error).not.toBeInstanceOf(GraphQLError);
  });
});
