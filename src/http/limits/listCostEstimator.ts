import { getNamedType, isLeafType, type GraphQLField } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { boundFor, type ListSizes, returnsList } from './listSizes';

/** How the cost of an operation grows with the lists it asks for. */
export interface ListCostModel {
  /** The schema's `@listSize` bounds (listSizesOf). */
  readonly listSizes: ListSizes;
  /** Known lengths of particular lists, keyed `Type.field` (introspectionListSizes); they win over the rest. */
  readonly knownListSizes?: ReadonlyMap<string, number>;
  /**
   * Most items the lists a field sizes can hold whatever its arguments, set by configuration and keyed `Type.field`
   * (configuredListCaps: `Query.citations` visits at most CITATION_WALK_MAX_NODES works): the bound is the smaller.
   */
  readonly configuredCaps?: ReadonlyMap<string, number>;
}

/**
 * A graphql-query-complexity estimator that counts the objects a response can hold, at most: a scalar or enum field
 * costs 0 (its parent loaded it) unless it has a `@cost(weight:)` (long text, long lists of ids: what its value
 * weighs, in objects); a field returning an object costs 1 plus its selections, plus its own `@cost` when it has one
 * (`syncStatus`: a request it may hold open for seconds); a list of objects costs
 * its bound times (1 + its selections); a field that sizes lists under it (`@listSize(sizedFields)`: a connection's
 * `edges` and `nodes`, a trend's `points`) multiplies its selections by its bound, and those lists then count once:
 *
 *   object: depth × (1 + bound × cost(selections))      list of objects: depth × bound × (1 + cost(selections))
 *
 *   an object with `@listSize(pairedFields)` (lists of pairs of its sized items, such as a subgraph's edges): depth ×
 *   (1 + bound² × cost(selections)) — an upper bound for the pairs, and more than enough for the items themselves
 *
 * - `bound` is what the field's `@listSize` allows for the arguments given (variables and schema defaults
 *   applied): the slicing argument (`first`, its default when absent, clamped to its maximum), the years of a
 *   `from`/`to` range, or the fixed size the server enforces — and no more than a configured cap of the field
 *   (a citation walk's CITATION_WALK_MAX_NODES); introspection lists count with their average size.
 *   Every list of objects has one (listSizesOf refuses a schema otherwise), so the estimate is an upper bound.
 * - `depth` is the field's `depth` argument when it takes one (a citation walk of depth 3 does three rounds of
 *   work), else 1.
 *
 * So `works(first: 200) { nodes { citedBy(first: 200) { nodes { id } } } }` costs 40,401 (200 pages of 200
 * works), `works(first: 200) { nodes { trend(from: 1800, to: 1999) { points { period } } } }` 40,401 too, while
 * `works(first: 200) { nodes { id title } }` costs 201.
 */
/** The length assumed for a list no bound is known for (none outside introspection: listSizesOf): pessimistic, never 0. */
const UNKNOWN_LIST_SIZE = 10_000;

export function listCostEstimator(model: ListCostModel): ComplexityEstimator {
  const { byField, sizedByParent, weights } = model.listSizes;
  return ({ type, field, args, childComplexity }) => {
    const key = `${type.name}.${field.name}`;
    if (isLeafType(getNamedType(field.type))) return weights.get(key) ?? 0;
    const depth = takes(field, 'depth') ? clamp(args['depth'], 1, 1, Number.MAX_SAFE_INTEGER) : 1;
    const known = model.knownListSizes?.get(key);
    const size = byField.get(key);
    if (returnsList(field)) {
      // A list its parent sized (edges, nodes, points) counts once; the parent multiplied by the bound.
      const bound = sizedByParent.has(key) ? 1 : (known ?? (size ? boundFor(size, args) : UNKNOWN_LIST_SIZE));
      return depth * bound * (1 + childComplexity);
    }
    const sizes = size !== undefined && (size.sizedFields.length > 0 || size.pairedFields.length > 0);
    const cap = model.configuredCaps?.get(key) ?? Number.POSITIVE_INFINITY;
    const bound = sizes ? Math.min(boundFor(size, args), cap) : 1;
    // Pairs of the items (a subgraph's edges among its nodes) can number bound²: every selection counts that often.
    const times = size !== undefined && size.pairedFields.length > 0 ? bound * bound : bound;
    // An object field's own `@cost` (`syncStatus`, which may hold its request open) counts besides the object.
    return depth * (1 + times * childComplexity) + (weights.get(key) ?? 0);
  };
}

function takes(field: GraphQLField<unknown, unknown>, argument: string): boolean {
  return field.args.some((a) => a.name === argument);
}

function clamp(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
