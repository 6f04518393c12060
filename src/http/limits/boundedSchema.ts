import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInt,
  isEnumType,
  isLeafType,
  isListType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { BadUserInputError } from '../../core/errors';
import { type ListSize, listSizesOf } from './listSizes';
import type { RequestBudget } from './RequestBudget';

/** What a resolver's context must carry for the bounds to apply (GatewayContext does; a context without one is unbounded). */
interface BudgetedContext {
  readonly budget?: RequestBudget;
}

/** Estimated JSON bytes of a field's value (its name is charged apart). */
type Measure = (value: unknown) => number;

/**
 * The schema with every object field wrapped so that what `@listSize` declares holds at run time and the response
 * stays within the request's RequestBudget:
 * - a list with a slicing argument (`first`) refuses a value below 0 or above its `maxSize` (BAD_USER_INPUT naming
 *   the argument) and returns at most that many items (its `assumedSize` when absent); a list with only an
 *   `assumedSize` returns at most that many — so the cost estimate, which multiplies by these bounds, is an upper bound;
 * - each resolved value is charged to the budget at its estimated JSON size (text length, field name, brackets),
 *   so execution stops with RESPONSE_TOO_LARGE as soon as the response would pass the limit, and with
 *   REQUEST_TIMEOUT once the request's deadline has passed, rather than build the rest;
 * - past YIELD_EVERY_FIELDS fields in one turn of the event loop, lists wait for a later turn (RequestBudget.defer),
 *   so a large response resolving from cached data shares the process with cheap requests and /health; a response
 *   growing large waits for a place in the heavy lane the same way.
 * The wrap is a plain function around each resolver: no per-field plugin hook.
 */
export function boundedSchema(schema: GraphQLSchema): GraphQLSchema {
  const { byField } = listSizesOf(schema);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => wrapField(config, byField.get(`${typeName}.${fieldName}`), measureOf(config.type)),
  });
}

function wrapField(config: GraphQLFieldConfig<unknown, unknown>, size: ListSize | undefined, measure: Measure): GraphQLFieldConfig<unknown, unknown> {
  const resolve: GraphQLFieldResolver<unknown, unknown> = config.resolve ?? defaultFieldResolver;
  // Lists a parent sizes (a connection's edges) are already bounded by its resolver; these cut their own.
  const cuts = size !== undefined && size.sizedFields.length === 0 && size.pairedFields.length === 0 && size.rangeArguments === undefined;
  // Only lists wait for a later turn: deferring every field would cost a promise per field; a list is where the
  // number of fields multiplies, and the items of one list (bounded by @listSize) run in one go.
  const deferrable = isListType(getNullableType(config.type));
  const bounded: GraphQLFieldResolver<unknown, BudgetedContext> = (source, args, context, info) => {
    const budget = context?.budget;
    // This turn's share of fields is used up (or the request waits for a place among the heavy ones): a later turn.
    if (deferrable && budget?.mustWait) return handled(budget.defer(() => bounded(source, args, context, info)));
    try {
      budget?.check();
      const limit = size === undefined ? undefined : size.slicingArgument === undefined ? (cuts ? size.assumedSize : undefined) : sliceOf(size, args);
      const value = resolve(source, args, context, info);
      if (isPromiseLike(value)) return handled(Promise.resolve(value).then((v) => settle(v, cuts ? limit : undefined, budget, info, measure)));
      return settle(value, cuts ? limit : undefined, budget, info, measure);
    } catch (err) {
      // Once the budget is spent, every field fails with its error. Failing asynchronously keeps graphql-js 16 from
      // abandoning a list half-completed at the first item that throws — which would leave its earlier items'
      // promises to reject with no one listening.
      if (budget?.failure !== undefined && err === budget.failure) return handled(Promise.reject(err));
      throw err;
    }
  };
  return { ...config, resolve: bounded as GraphQLFieldResolver<unknown, unknown> };
}

/** The value cut to `limit` items, charged to the budget. */
function settle(value: unknown, limit: number | undefined, budget: RequestBudget | undefined, info: GraphQLResolveInfo, measure: Measure): unknown {
  const kept = limit !== undefined && Array.isArray(value) && value.length > limit ? value.slice(0, limit) : value;
  budget?.charge((info.fieldNodes[0]?.alias?.value ?? info.fieldName).length + 3 + measure(kept));
  return kept;
}

/** The slicing argument's value, its default when absent; outside 0…maxSize a BAD_USER_INPUT naming it. */
function sliceOf(size: ListSize, args: Readonly<Record<string, unknown>>): number {
  const name = size.slicingArgument as string;
  const max = size.maxSize ?? 0;
  const value = args[name];
  if (value === undefined || value === null) return size.assumedSize ?? max;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new BadUserInputError(`${name} must be between 0 and ${max} (got ${String(value)})`, name);
  }
  return value;
}

/** How to estimate the JSON size of a value of `type`, decided once per field. */
function measureOf(type: GraphQLOutputType): Measure {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = measureOf(nullable.ofType as GraphQLOutputType);
    const leaf = isLeafType(getNamedType(nullable.ofType));
    return (value) => {
      if (!Array.isArray(value)) return 4;
      if (!leaf) return 2 + value.length * 3;
      let bytes = 2;
      for (const v of value) bytes += item(v) + 1;
      return bytes;
    };
  }
  if (!isLeafType(nullable)) return () => 2;
  if (nullable === GraphQLInt || nullable === GraphQLFloat) return numberBytes;
  if (nullable === GraphQLBoolean) return () => 5;
  if (isEnumType(nullable)) return (value) => (typeof value === 'string' ? value.length + 2 : 4);
  // String, ID and custom scalars: the text and its quotes.
  return (value) => (typeof value === 'string' ? value.length + 2 : value == null ? 4 : 12);
}

/**
 * `promise`, marked as handled: graphql-js 16 stops completing a list at the first item that throws, and no longer
 * waits for the earlier items' promises — one of those rejecting later (with the budget's error) must not be an
 * unhandled rejection. Whoever does wait for it still gets the rejection.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Characters of a number in JSON: its digits (and sign) for an integer, at most 24 for anything else. */
function numberBytes(value: unknown): number {
  if (typeof value !== 'number') return 4;
  if (!Number.isInteger(value) || Math.abs(value) >= 1e15) return 24;
  return value === 0 ? 1 : Math.floor(Math.log10(Math.abs(value))) + 1 + (value < 0 ? 1 : 0);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
