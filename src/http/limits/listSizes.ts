import { getDirective } from '@graphql-tools/utils';
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';

/** A field's `@listSize` (schema/listSize.graphql), read once from the schema. */
export interface ListSize {
  readonly assumedSize: number | undefined;
  readonly slicingArgument: string | undefined;
  readonly sizedFields: readonly string[];
  readonly maxSize: number | undefined;
  readonly rangeArguments: readonly [string, string] | undefined;
  /** List fields of the returned type holding at most bound² items: pairs of the sized items (a subgraph's edges). */
  readonly pairedFields: readonly string[];
}

/** Every `@listSize` of a schema by `Type.field`, the list fields sized by the field that returns their type, and every `@cost`. */
export interface ListSizes {
  readonly byField: ReadonlyMap<string, ListSize>;
  /** `@cost(weight:)` of the fields that have one, by `Type.field`. */
  readonly weights: ReadonlyMap<string, number>;
  /** `Type.field` of lists whose length a parent field's arguments bound (a connection's `edges`, a trend's `points`). */
  readonly sizedByParent: ReadonlySet<string>;
}

type AnyField = GraphQLField<unknown, unknown>;

const cache = new WeakMap<GraphQLSchema, ListSizes>();

/** True when the field returns a list (of anything) once non-null wrappers are removed. */
export function returnsList(field: AnyField): boolean {
  return isListType(getNullableType(field.type));
}

/** True when the field returns a list of objects (interfaces and unions included): what the cost estimate counts. */
export function returnsObjectList(field: AnyField): boolean {
  const named = getNamedType(field.type);
  return returnsList(field) && (isObjectType(named) || isInterfaceType(named) || isUnionType(named));
}

/**
 * The `@listSize` directives of `schema`, checked: a directive's arguments must be consistent, `sizedFields` must
 * name list fields of the returned type, every field returning such a type must size the same fields, and every
 * list of objects outside introspection must be bounded (its own `@listSize`, or sized by its parent). Throws an
 * Error naming the field otherwise, so a schema with an unbounded list never starts.
 */
export function listSizesOf(schema: GraphQLSchema): ListSizes {
  const known = cache.get(schema);
  if (known) return known;
  const byField = new Map<string, ListSize>();
  const weights = new Map<string, number>();
  const sizedBy = new Map<string, string[]>();
  const fieldsReturning = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const returned = getNamedType(field.type).name;
      fieldsReturning.set(returned, [...(fieldsReturning.get(returned) ?? []), key]);
      const [cost] = getDirective(schema, field, 'cost') ?? [];
      if (cost) weights.set(key, cost['weight'] as number);
      const size = readListSize(schema, field, key);
      if (!size) continue;
      byField.set(key, size);
      for (const sized of [...size.sizedFields, ...size.pairedFields]) sizedBy.set(`${returned}.${sized}`, [...(sizedBy.get(`${returned}.${sized}`) ?? []), key]);
    }
  }
  for (const [child, parents] of sizedBy) {
    const [typeName, fieldName] = child.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[fieldName] : undefined;
    if (!field || !returnsList(field)) throw new Error(`@listSize(sizedFields) on ${parents.join(', ')} names ${child}, which is not a list field`);
    const unsized = (fieldsReturning.get(typeName) ?? []).filter((f) => !parents.includes(f));
    if (unsized.length > 0) throw new Error(`${child} is sized by ${parents.join(', ')} but not by ${unsized.join(', ')}, which return ${typeName} too`);
  }
  const sizedByParent = new Set(sizedBy.keys());
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (returnsObjectList(field) && !byField.has(key) && !sizedByParent.has(key)) {
        throw new Error(`${key} returns a list of objects without @listSize: its length must be bounded (schema/listSize.graphql)`);
      }
    }
  }
  const sizes = { byField, sizedByParent, weights };
  cache.set(schema, sizes);
  return sizes;
}

function readListSize(schema: GraphQLSchema, field: AnyField, key: string): ListSize | undefined {
  const [args] = getDirective(schema, field, 'listSize') ?? [];
  if (!args) return undefined;
  const slicing = (args['slicingArguments'] as string[] | undefined) ?? [];
  const range = args['rangeArguments'] as string[] | undefined;
  const size: ListSize = {
    assumedSize: args['assumedSize'] as number | undefined,
    slicingArgument: slicing[0],
    sizedFields: (args['sizedFields'] as string[] | undefined) ?? [],
    maxSize: args['maxSize'] as number | undefined,
    rangeArguments: range === undefined ? undefined : [range[0] as string, range[1] as string],
    pairedFields: (args['pairedFields'] as string[] | undefined) ?? [],
  };
  const fail = (why: string): never => {
    throw new Error(`@listSize on ${key}: ${why}`);
  };
  if (slicing.length > 1) fail('one slicing argument at most');
  if (range !== undefined && range.length !== 2) fail('rangeArguments names two arguments, from and to');
  for (const name of [...slicing, ...(range ?? [])]) if (!field.args.some((a) => a.name === name)) fail(`the field takes no argument ${name}`);
  if (size.slicingArgument !== undefined && (size.assumedSize === undefined || size.maxSize === undefined)) fail('a slicing argument needs assumedSize (its default) and maxSize');
  if (size.rangeArguments !== undefined && size.maxSize === undefined) fail('rangeArguments need maxSize');
  if (size.slicingArgument === undefined && size.rangeArguments === undefined && size.assumedSize === undefined) fail('give assumedSize, slicingArguments or rangeArguments');
  if (size.sizedFields.length === 0 && size.pairedFields.length === 0 && !returnsList(field)) fail('a field that does not return a list needs sizedFields');
  if (size.pairedFields.length > 0 && returnsList(field)) fail('pairedFields are lists of the returned object, so the field cannot return a list');
  return size;
}

/**
 * The most items a field with `size` returns for these (coerced) arguments: the slicing argument's value (its default
 * when absent, clamped to 0…maxSize), the years of the range (clamped to 1…maxSize), or assumedSize.
 */
export function boundFor(size: ListSize, args: Readonly<Record<string, unknown>>): number {
  if (size.slicingArgument !== undefined) return clamp(args[size.slicingArgument], size.assumedSize ?? 0, 0, size.maxSize ?? 0);
  if (size.rangeArguments !== undefined) {
    const [from, to] = size.rangeArguments.map((name) => args[name]);
    const years = typeof from === 'number' && typeof to === 'number' ? to - from + 1 : (size.maxSize ?? 0);
    return clamp(years, size.maxSize ?? 0, 1, size.maxSize ?? 0);
  }
  return size.assumedSize ?? 0;
}

function clamp(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
