import { GraphQLError } from 'graphql';
import { BadUserInputError, StoreUnavailableError } from '../../../../../src/core/errors';
import { createFormatError } from '../../../../../src/http/graphql/formatError';

const located = (original: Error) => new GraphQLError(original.message, { path: ['work'], originalError: original });

describe('createFormatError', () => {
  const production = createFormatError(false);
  const development = createFormatError(true);

  it('keeps a typed error with its code and extensions', () => {
    const error = located(new StoreUnavailableError('neo4j', 'circuit open'));
    expect(production({ message: error.message, path: ['work'] }, error)).toEqual({
      message: 'neo4j is unavailable: circuit open',
      path: ['work'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE', store: 'neo4j' },
    });
  });

  it('names the offending argument of a BAD_USER_INPUT error', () => {
    const error = located(new BadUserInputError('first must be at most 200', 'first'));
    expect(production({ message: error.message }, error).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('masks an unexpected error outside development', () => {
    const error = located(new Error('password authentication failed for user "postgres"'));
    const formatted = production({ message: error.message, path: ['work'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['work'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('shows an unexpected error in development', () => {
    const error = located(new Error('boom'));
    expect(development({ message: 'boom' }, error).message).toBe('boom');
  });

  it('hands every error it masks to the hook, unmasked, and nothing else', () => {
    const seen: unknown[] = [];
    const format = createFormatError(false, (error) => seen.push(error));
    const unexpected = located(new Error('relation "works" does not exist'));
    format({ message: unexpected.message, path: ['work'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, unexpected);
    format({ message: 'x' }, located(new BadUserInputError('first must be at most 200', 'first')));
    format({ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError('Syntax Error'));
    expect(seen).toEqual([unexpected]);
  });

  it('hands internal errors to the hook in development too, where they are shown', () => {
    const seen: unknown[] = [];
    const error = located(new Error('boom'));
    expect(createFormatError(true, (e) => seen.push(e))({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error).message).toBe('boom');
    expect(seen).toEqual([error]);
  });

  it('still masks when the hook throws', () => {
    const format = createFormatError(false, () => {
      throw new Error('logger down');
    });
    expect(format({ message: 'secret' }, located(new Error('secret')))).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('never throws, even on a hostile error object', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(production({ message: 'x' }, hostile)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
