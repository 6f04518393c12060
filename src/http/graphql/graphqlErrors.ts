import { GraphQLError } from 'graphql';
import {
  ArticleRejectedError,
  type ArticleProblem,
  BadUserInputError,
  type DomainError,
  InvalidCursorError,
  InvalidSyncTokenError,
  NotAnArticleError,
  UnknownSyncTokenError,
} from '../../core/errors';
import { assertNever } from '../../core/assertNever';

/** What a client sees of an error: its message and extensions (`code` first among them). */
export interface ClientError {
  readonly message: string;
  readonly extensions: Readonly<Record<string, unknown>>;
}

/**
 * The one place domain errors become what the API shows: the error's message and extensions, and for the errors
 * that are about arguments, the path of the argument (`extensions.argument`) and every problem
 * (`extensions.problems`), in the API's own words (`input.authorIds`, `after`, `id`). Below the API nothing knows
 * the names of GraphQL arguments.
 */
export function clientErrorOf(error: DomainError): ClientError {
  if (error instanceof InvalidCursorError) return { message: error.message, extensions: { ...error.extensions, argument: 'after' } };
  if (error instanceof InvalidSyncTokenError || error instanceof UnknownSyncTokenError) return { message: error.message, extensions: { ...error.extensions, argument: 'token' } };
  if (error instanceof NotAnArticleError) return fromInput(new BadUserInputError(error.message, 'id'));
  if (error instanceof ArticleRejectedError) return fromInput(articleInputError(error.problems));
  return { message: error.message, extensions: { ...error.extensions } };
}

/**
 * `error` as a GraphQLError, for the places Apollo Server needs one (a plugin hook, the context function): its
 * client view, plus `extensions.http` (the status, headers) when given. The domain error rides along as
 * `originalError`, so formatError shows it — and never the `http` entry, which Apollo strips.
 */
export function toGraphQLError(error: DomainError, http?: { readonly status: number; readonly headers?: Map<string, string> }): GraphQLError {
  const { message, extensions } = clientErrorOf(error);
  return new GraphQLError(message, { originalError: error, extensions: http ? { ...extensions, http } : { ...extensions } });
}

function fromInput(error: BadUserInputError): ClientError {
  return { message: error.message, extensions: { ...error.extensions } };
}

/** The article mutations' inputs, as the problems of one BAD_USER_INPUT (schema/article.graphql names the fields). */
function articleInputError(problems: readonly ArticleProblem[]): BadUserInputError {
  const [only] = problems;
  // A DOI taken by a concurrent write, seen only by the unique index: the message of that race, as before.
  if (problems.length === 1 && only?.kind === 'doiTaken' && only.holder === undefined) return new BadUserInputError('doi: another work already has this DOI', 'input.doi');
  return BadUserInputError.of(problems.map(problemOf));
}

function problemOf(problem: ArticleProblem): { field: string; message: string } {
  switch (problem.kind) {
    case 'unknownAuthors':
      return { field: 'input.authorIds', message: `unknown author id(s): ${problem.ids.join(', ')}` };
    case 'unknownWorks':
      return { field: 'input.referencedWorkIds', message: `unknown work id(s): ${problem.ids.join(', ')}` };
    case 'unknownTopics':
      return { field: 'input.topicIds', message: `unknown topic id(s): ${problem.ids.join(', ')}` };
    case 'citesItself':
      return { field: 'input.referencedWorkIds', message: 'an article cannot cite itself' };
    case 'doiTaken':
      return { field: 'input.doi', message: problem.holder === undefined ? 'another work already has this DOI' : `DOI ${problem.doi} already belongs to work ${problem.holder}` };
    default:
      return assertNever(problem, 'article problem');
  }
}
