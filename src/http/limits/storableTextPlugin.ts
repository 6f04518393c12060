import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getVariableValues } from 'graphql';
import { BadUserInputError } from '../../core/errors';
import { withHttpStatus } from './RequestLimitError';
import { unstorableTextArguments } from './unstorableTextArguments';

/**
 * The gateway's one rule for text arguments (README, "Using the API"): no String or ID argument reaches a store
 * with a NUL or an unpaired surrogate, whatever the field, however deeply nested, literal or variable. Once per
 * operation — after validation, before anything runs — the arguments are read as execution will read them, and
 * an offending one refuses the whole request: BAD_USER_INPUT (400; 200 for `application/json` clients, like every
 * argument error) naming the argument path in `extensions.argument` and every problem in `extensions.problems`.
 * Refused rather than stripped: a silently altered DOI or name would match, or store, something else than sent.
 * An operation whose variables do not coerce is left to execution, which refuses it before running anything.
 */
export function storableTextPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (!operation) return;
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (variables.errors) return;
          const problems = unstorableTextArguments(schema, document, operation, variables.coerced);
          if (problems.length > 0) throw withHttpStatus(BadUserInputError.of(problems), 400);
        },
      };
    },
  };
}
