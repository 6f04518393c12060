import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { BadUserInputError, ErrorCode } from '../../core/errors';
import { introspectionListSizes } from './introspectionListSizes';
import { listSizesOf } from './listSizes';
import type { BudgetContext } from './responseBudgetPlugin';
import { listCostEstimator } from './listCostEstimator';
import { RequestLimitError, withHttpStatus } from './RequestLimitError';
import { errorMessage } from '../../core/errorMessage';

/** Variable sets whose estimates are kept per operation (all are dropped when one more comes), and the longest kept (JSON). */
const MAX_COSTS_PER_OPERATION = 64;
const MAX_MEMO_VARIABLES_LENGTH = 1_024;

/** Selections graphql-query-complexity visits before it gives up (fragment spreads are visited each time). */
const MAX_VISITED_SELECTIONS = 10_000;

/**
 * Refuses, before execution, an operation whose estimated cost (listCostEstimator, an upper bound of the objects its
 * response can hold) exceeds `maxCost`, and an operation of a batched request once the batch's operations together
 * would: QUERY_TOO_COMPLEX, 400, with `limit` and `actual` (for a batch, `batchTotal` too). It runs once the operation
 * and its variables are known (so `first: $n` counts as the value sent). An operation whose variables do not coerce
 * is left to execution, which refuses it before running anything. Introspection lists count with their average
 * length in the schema; a field with a configured cap (`configuredCaps`, configuredListCaps.ts) counts no more than it. An estimate is computed once per parsed operation and variables, and reused.
 */
export function costLimitPlugin<TContext extends BudgetContext>(maxCost: number, configuredCaps: ReadonlyMap<string, number> = new Map()): ApolloServerPlugin<TContext> {
  const bySchema = new WeakMap<GraphQLSchema, ComplexityEstimator[]>();
  // Estimates by operation (the parsed documents Apollo keeps and reuses) and variables: a repeated request is not walked again.
  const costs = new WeakMap<OperationDefinitionNode, Map<string, number>>();
  const estimatorsFor = (schema: GraphQLSchema): ComplexityEstimator[] => {
    let estimators = bySchema.get(schema);
    if (!estimators) {
      estimators = [listCostEstimator({ listSizes: listSizesOf(schema), knownListSizes: introspectionListSizes(schema), configuredCaps })];
      bySchema.set(schema, estimators);
    }
    return estimators;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation, contextValue }) {
          if (!operation) return;
          const inputs = request.variables ?? {};
          if (getVariableValues(schema, operation.variableDefinitions ?? [], inputs).errors) return;
          const byVariables = costs.get(operation) ?? new Map<string, number>();
          const variablesKey = JSON.stringify(inputs);
          let cost = byVariables.get(variablesKey);
          if (cost === undefined) {
            try {
              cost = getComplexity({ schema, query: onlyOperation(document, operation), variables: inputs, estimators: estimatorsFor(schema), maxQueryNodes: MAX_VISITED_SELECTIONS });
            } catch (err) {
              throw withHttpStatus(estimateFailure(err, maxCost), 400);
            }
            if (variablesKey.length <= MAX_MEMO_VARIABLES_LENGTH) {
              if (byVariables.size >= MAX_COSTS_PER_OPERATION) byVariables.clear();
              byVariables.set(variablesKey, cost);
              costs.set(operation, byVariables);
            }
          }
          if (cost > maxCost) {
            throw withHttpStatus(
              new RequestLimitError(ErrorCode.QueryTooComplex, `Query cost limit of ${maxCost} exceeded, found ${cost}. Ask for smaller pages (first) or fewer nested lists.`, {
                limit: maxCost,
                actual: cost,
              }),
              400,
            );
          }
          const budget = (contextValue as Partial<TContext> | undefined)?.budget;
          if (budget && !budget.spendCost(cost, maxCost)) {
            const total = budget.costSpent + cost;
            throw withHttpStatus(
              new RequestLimitError(
                ErrorCode.QueryTooComplex,
                `Query cost limit of ${maxCost} exceeded by the operations of this batched request together (${total}); send fewer or smaller operations.`,
                { limit: maxCost, actual: cost, batchTotal: total },
              ),
              400,
            );
          }
          // An expensive operation waits for its turn among the heavy ones before it loads anything.
          await budget?.admit(cost);
        },
      };
    },
  };
}

/** The document with `operation` as its only operation (its fragments kept): what will be executed. */
function onlyOperation(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  return { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
}

function estimateFailure(err: unknown, maxCost: number): RequestLimitError | BadUserInputError {
  const message = errorMessage(err);
  if (/maximum allowed number of nodes/.test(message)) {
    return new RequestLimitError(
      ErrorCode.QueryTooComplex,
      `Query cost limit of ${maxCost} exceeded: the operation expands to more than ${MAX_VISITED_SELECTIONS} selections (fragments counted where they are spread).`,
      { limit: maxCost },
    );
  }
  if (!(err instanceof GraphQLError)) {
    return new RequestLimitError(ErrorCode.QueryTooComplex, `Query cost could not be estimated within the limit of ${maxCost}: ${message}`, { limit: maxCost });
  }
  // An argument that cannot be read (e.g. null for a non-null argument through a variable's default).
  return new BadUserInputError(message);
}
