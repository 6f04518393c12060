import { getNamedType, getNullableType, isLeafType, isListType, type GraphQLField } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';

/** How the cost of an operation grows with the lists it asks for. */
export interface ListCostModel {
  /** `first` when a field that takes it is not given one (the resolvers' default page size). */
  readonly defaultPageSize: number;
  /** The largest `first` the resolvers accept; a larger one is counted as this (the resolver refuses it anyway). */
  readonly maxPageSize: number;
  /** Assumed length of a list of objects that takes no `first` (authorships, topics, institutions, …). */
  readonly assumedListSize: number;
  /** Known lengths of particular lists, keyed `Type.field` (introspectionListSizes); they win over the rest. */
  readonly knownListSizes?: ReadonlyMap<string, number>;
}

/**
 * A graphql-query-complexity estimator that counts the objects a response can hold. A scalar or enum field
 * costs 0 (its parent loaded it); a field returning an object costs 1, plus its selections `size` times; a
 * field returning a list of objects costs `size` times (1 + its selections):
 *
 *   object: depth × (1 + size × cost(selections))      list of objects: depth × size × (1 + cost(selections))
 *
 * - `size` is the list's known length when `knownListSizes` has it, else the field's `first` argument when it
 *   takes one (variables and schema defaults applied; the default page size when absent; a connection's page),
 *   else `assumedListSize` for a list of objects, else 1. The `edges` and `nodes` of a `…Connection` type count
 *   once: their connection field's `first` already sized the page.
 * - `depth` is the field's `depth` argument when it takes one (a citation walk of depth 3 does three rounds of
 *   work), else 1.
 *
 * So `works(first: 200) { nodes { citedBy(first: 200) { nodes { id } } } }` costs 40,401 (200 pages of 200
 * works) while `works(first: 200) { nodes { id title } }` costs 201.
 */
export function listCostEstimator(model: ListCostModel): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (isLeafType(getNamedType(field.type))) return 0;
    const returnsList = isListType(getNullableType(field.type));
    const size = listSize(model, type.name, field, args, returnsList);
    const depth = takes(field, 'depth') ? clamp(args['depth'], 1, 1, Number.MAX_SAFE_INTEGER) : 1;
    return depth * (returnsList ? size * (1 + childComplexity) : 1 + size * childComplexity);
  };
}

function listSize(model: ListCostModel, parentTypeName: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, returnsList: boolean): number {
  const known = model.knownListSizes?.get(`${parentTypeName}.${field.name}`);
  if (known !== undefined) return known;
  if (takes(field, 'first')) return clamp(args['first'], model.defaultPageSize, 0, model.maxPageSize);
  if (!returnsList) return 1;
  return parentTypeName.endsWith('Connection') ? 1 : model.assumedListSize;
}

function takes(field: GraphQLField<unknown, unknown>, argument: string): boolean {
  return field.args.some((a) => a.name === argument);
}

function clamp(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
