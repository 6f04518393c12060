import { collectSubFields } from '@graphql-tools/utils';
import { type FieldNode, getNamedType, type GraphQLResolveInfo, isObjectType } from 'graphql';
import { EVERY_SEARCH_PART, type SearchWants } from '../datasources/SearchIndex';
import { FACET_NAMES, type FacetName } from '../datasources/shared/facetFilters';

const FACETS: ReadonlySet<string> = new Set(FACET_NAMES);

/**
 * The sub-fields a field's selection asks for on `typeName` (the field's own type, or a sub-field's), as execution
 * collects them: fragments spread, type conditions matched, `@skip`/`@include` applied with the request's variables,
 * every alias and every `@defer`red part included. Undefined when `typeName` is not an object type of the schema.
 */
function subFields(info: GraphQLResolveInfo, typeName: string, nodes: FieldNode[]): Map<string, FieldNode[]> | undefined {
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) return undefined;
  // @graphql-tools/utils 12 speaks graphql 17's variable values (`coerced` and their `sources`) and hands graphql 16's
  // getDirectiveValues the `coerced` part: the request's coerced variables are exactly that (no source is read).
  const variables = { coerced: info.variableValues, sources: {} };
  const { fields, patches } = collectSubFields(info.schema, info.fragments, variables, type, nodes);
  const all = new Map<string, FieldNode[]>();
  for (const part of [fields, ...patches.map((p) => p.fields)]) {
    for (const [key, parts] of part) all.set(key, [...(all.get(key) ?? []), ...parts]);
  }
  return all;
}

/**
 * What a `searchWorks` selection needs of the index (SearchWants): the page for `edges`, `nodes` or `pageInfo`, the
 * total for `totalCount`, and the facets selected under `facets` (every alias and selection of them together: the
 * union of what each needs). `groupBy` and `__typename` need none of it (a group-by is its own request). A field
 * this mapping does not know asks for everything, so a new field is slow before it is wrong.
 */
export function searchWants(info: GraphQLResolveInfo): SearchWants {
  const connection = getNamedType(info.returnType);
  const fields = subFields(info, connection.name, [...info.fieldNodes]);
  if (fields === undefined) return EVERY_SEARCH_PART;
  let page = false;
  let totalCount = false;
  const facets = new Set<FacetName>();
  for (const nodes of fields.values()) {
    const name = nodes[0]?.name.value;
    switch (name) {
      case 'edges':
      case 'nodes':
      case 'pageInfo':
        page = true;
        break;
      case 'totalCount':
        totalCount = true;
        break;
      case 'facets': {
        const facetFields = subFields(info, 'WorkSearchFacets', nodes);
        if (facetFields === undefined) return EVERY_SEARCH_PART;
        for (const [, facetNodes] of facetFields) {
          const facet = facetNodes[0]?.name.value;
          if (facet === '__typename') continue;
          if (facet === undefined || !FACETS.has(facet)) return EVERY_SEARCH_PART;
          facets.add(facet as FacetName);
        }
        break;
      }
      case 'groupBy':
      case '__typename':
        break;
      default:
        return EVERY_SEARCH_PART;
    }
  }
  return { page, totalCount, facets: FACET_NAMES.filter((f) => facets.has(f)) };
}
