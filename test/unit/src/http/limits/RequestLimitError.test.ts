import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../../../src/core/errors';
import { createFormatError } from '../../../../../src/http/graphql/formatError';
import { RequestLimitError, withHttpStatus } from '../../../../../src/http/limits/RequestLimitError';

describe('RequestLimitError', () => {
  const production = createFormatError(false);

  it('carries its code, the limit and what was found', () => {
    const error = new RequestLimitError(ErrorCode.QueryTooComplex, 'too costly', { limit: 10, actual: 11 });
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 10, actual: 11 });
    expect(error).toBeInstanceOf(GraphQLError);
  });

  it('keeps its code and details through formatError, and the HTTP status of the wrapper out of the response', () => {
    const wrapped = withHttpStatus(new RequestLimitError(ErrorCode.QueryNotInSafelist, 'not allowed'), 400);
    expect(wrapped.extensions['http']).toEqual({ status: 400 });
    // Apollo strips `http` from what it passes to formatError; the typed original is found through originalError.
    const formatted = production({ message: wrapped.message, extensions: { code: 'QUERY_NOT_IN_SAFELIST' } }, wrapped);
    expect(formatted).toEqual({ message: 'not allowed', extensions: { code: 'QUERY_NOT_IN_SAFELIST' } });
  });

  it('is not masked when a limit code sits on a plain GraphQLError (the relabelled token limit)', () => {
    const error = new GraphQLError('Syntax Error: Document contains more than 5 tokens. Parsing aborted.', { extensions: { code: 'TOO_MANY_TOKENS', limit: 5 } });
    expect(production({ message: error.message, extensions: { code: 'TOO_MANY_TOKENS', limit: 5 } }, error)).toEqual({
      message: error.message,
      extensions: { code: 'TOO_MANY_TOKENS', limit: 5 },
    });
  });
});
