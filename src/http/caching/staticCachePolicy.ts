import {
  getNamedType,
  isCompositeType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A cache hint: how long and for whom (Apollo's CacheHint). */
export interface CacheHint {
  readonly maxAge?: number;
  readonly scope?: 'PUBLIC' | 'PRIVATE';
}

/** Selections visited before a document is called uncacheable rather than walked further (fragments count each time spread). */
const MAX_VISITED_SELECTIONS = 10_000;

/** A `@cacheControl` annotation as Apollo reads it: a hint, or "inherit the parent's max-age" (with a scope). */
interface Annotation {
  readonly maxAge?: number;
  readonly scope?: 'PUBLIC' | 'PRIVATE';
  readonly inheritMaxAge?: boolean;
}

/** The strictest of two hints, as Apollo's CachePolicy.restrict makes it. */
function restrict(policy: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }, hint: CacheHint): void {
  if (hint.maxAge !== undefined && (policy.maxAge === undefined || hint.maxAge < policy.maxAge)) policy.maxAge = hint.maxAge;
  if (hint.scope !== undefined && policy.scope !== 'PRIVATE') policy.scope = hint.scope;
}

function annotationOf(directives: readonly ConstDirectiveNode[] | undefined): Annotation | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const argument = (name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
  const scopeValue = argument('scope');
  const scope = scopeValue?.kind === Kind.ENUM && (scopeValue.value === 'PUBLIC' || scopeValue.value === 'PRIVATE') ? scopeValue.value : undefined;
  const inherit = argument('inheritMaxAge');
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { inheritMaxAge: true, ...(scope ? { scope } : {}) };
  const maxAge = argument('maxAge');
  return { ...(maxAge?.kind === Kind.INT ? { maxAge: parseInt(maxAge.value, 10) } : {}), ...(scope ? { scope } : {}) };
}

function typeAnnotation(type: GraphQLCompositeType): Annotation {
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
  for (const node of nodes) {
    const annotation = annotationOf(node?.directives);
    if (annotation) return annotation;
  }
  return {};
}

/**
 * The hint one field contributes, by Apollo Server's cache-control rules (plugin/cacheControl): its return type's
 * annotation, replaced by its own; a field returning an object (unless it inherits) and a root field default to
 * max-age `defaultMaxAge`; a scalar field below the root adds nothing.
 */
function fieldHint(field: GraphQLField<unknown, unknown>, isRoot: boolean, defaultMaxAge: number): CacheHint {
  const policy: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' } = {};
  let inheritMaxAge = false;
  const target = getNamedType(field.type);
  if (isCompositeType(target)) {
    const annotation = typeAnnotation(target);
    if (annotation.maxAge !== undefined) policy.maxAge = annotation.maxAge;
    if (annotation.scope !== undefined) policy.scope = annotation.scope;
    inheritMaxAge = annotation.inheritMaxAge === true;
  }
  const own = annotationOf(field.astNode?.directives) ?? {};
  if (own.inheritMaxAge && policy.maxAge === undefined) {
    inheritMaxAge = true;
    if (own.scope) policy.scope = own.scope;
  } else {
    if (own.maxAge !== undefined) policy.maxAge = own.maxAge;
    if (own.scope !== undefined) policy.scope = own.scope;
  }
  if (policy.maxAge === undefined && ((isCompositeType(target) && !inheritMaxAge) || isRoot)) policy.maxAge = defaultMaxAge;
  return policy;
}

/**
 * The cache policy of an operation computed from its document alone, once: the strictest hint of every field it
 * selects (fragments included, `@skip`/`@include` ignored), by the rules Apollo's cache-control plugin applies as
 * each field resolves. No resolver sets a dynamic hint, so the only difference is that this also counts fields that
 * execution would never reach (under a null or an empty list): the policy is never looser than Apollo's.
 * `undefined` maxAge: nothing restricted it (only meta fields such as `__typename` or introspection).
 */
export function staticCachePolicy(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, defaultMaxAge = 0): CacheHint {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = schema.getRootType(operation.operation);
  const policy: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' } = {};
  if (!root) return policy;
  let visited = 0;
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, isRoot: boolean, spread: ReadonlySet<string>): void => {
    for (const selection of selectionSet.selections) {
      if (++visited > MAX_VISITED_SELECTIONS) return;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__') || !('getFields' in parent)) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        restrict(policy, fieldHint(field, isRoot, defaultMaxAge));
        const target = getNamedType(field.type);
        if (selection.selectionSet && isCompositeType(target)) walk(selection.selectionSet, target, false, spread);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, isRoot, spread);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spread.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type)) walk(fragment.selectionSet, type, isRoot, new Set([...spread, name]));
      }
    }
  };
  walk(operation.selectionSet, root, true, new Set());
  // Too large to walk whole: uncacheable, never looser than the truth.
  return visited > MAX_VISITED_SELECTIONS ? { maxAge: 0 } : policy;
}
