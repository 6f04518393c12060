import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildSchema as buildSdlSchema, isInterfaceType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { boundedSchema } from '../../../../../src/http/limits/boundedSchema';
import { boundFor, listSizesOf, returnsObjectList } from '../../../../../src/http/limits/listSizes';
import { RequestBudget } from '../../../../../src/http/limits/RequestBudget';
import { buildSchema, loadTypeDefs } from '../../../../../src/schema';

/** Every `Type.field` of the gateway's schema that returns a list of objects (introspection aside). */
function objectListFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap()).flatMap((type) => {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) return [];
    return Object.values(type.getFields())
      .filter((f) => returnsObjectList(f as GraphQLField<unknown, unknown>))
      .map((f) => `${type.name}.${f.name}`);
  });
}

describe("the schema's @listSize bounds", () => {
  const schema = buildSchema();
  const { byField, sizedByParent } = listSizesOf(schema);

  it('bound every list of objects of the schema: by its own @listSize or by the field that returns its type', () => {
    const lists = objectListFields(schema);
    expect(lists.length).toBeGreaterThan(20);
    expect(lists.filter((key) => !byField.has(key) && !sizedByParent.has(key))).toEqual([]);
  });

  it('refuse a schema with an unbounded list of objects, naming the field', () => {
    const sdl = 'type Query { works: [Work!]! } type Work { id: ID! }';
    expect(() => listSizesOf(buildSdlSchema(sdl))).toThrow('Query.works returns a list of objects without @listSize');
  });

  it('refuse a sized field that another field returning the same type does not size', () => {
    const directive = loadTypeDefs().find((sdl) => sdl.includes('directive @listSize')) as string;
    const sdl = `${directive} type Query { a(first: Int): Page @listSize(slicingArguments: ["first"], assumedSize: 5, maxSize: 9, sizedFields: ["items"]) b: Page } type Page { items: [Item!]! } type Item { id: ID! }`;
    expect(() => listSizesOf(buildSdlSchema(sdl))).toThrow('Page.items is sized by Query.a but not by Query.b');
  });

  it('count pairedFields as sized by their parent, and refuse them on a field that returns a list', () => {
    const directive = loadTypeDefs().find((sdl) => sdl.includes('directive @listSize')) as string;
    const graph = `type Graph { nodes: [Item!]! edges: [Pair!]! } type Item { id: ID! } type Pair { a: ID! }`;
    const ok = `${directive} type Query { g(max: Int): Graph @listSize(slicingArguments: ["max"], assumedSize: 5, maxSize: 9, sizedFields: ["nodes"], pairedFields: ["edges"]) } ${graph}`;
    const sizes = listSizesOf(buildSdlSchema(ok));
    expect([...sizes.sizedByParent].sort()).toEqual(['Graph.edges', 'Graph.nodes']);
    expect(sizes.byField.get('Query.g')?.pairedFields).toEqual(['edges']);
    const bad = `${directive} type Query { g(max: Int): [Graph!]! @listSize(slicingArguments: ["max"], assumedSize: 5, maxSize: 9, pairedFields: ["edges"]) } ${graph}`;
    expect(() => listSizesOf(buildSdlSchema(bad))).toThrow('pairedFields');
  });

  describe('hold at run time for every list that bounds itself, whatever its resolver returns', () => {
    // The SDL without the gateway's resolvers: each field's default resolver reads the source, which holds far more
    // items than any bound, so the wrapper alone must cut it.
    const bare = boundedSchema(makeExecutableSchema({ typeDefs: loadTypeDefs() }));
    const own = [...byField].filter(([key, size]) => size.sizedFields.length === 0 && objectListFields(schema).includes(key));

    it.each(own.map(([key]) => key))('%s', (key) => {
      const [typeName, fieldName] = key.split('.') as [string, string];
      const type = bare.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      const field = type.getFields()[fieldName];
      const size = byField.get(key);
      if (!field?.resolve || !size) throw new Error(`${key} is not wrapped`);
      const huge = Array.from({ length: 20_000 }, (_, i) => ({ id: `x${i}` }));
      const budget = new RequestBudget({ maxBytes: Number.MAX_SAFE_INTEGER });
      const argsCases: Record<string, unknown>[] = size.slicingArgument === undefined ? [{}] : [{}, { [size.slicingArgument]: size.maxSize }, { [size.slicingArgument]: 1 }];
      for (const args of argsCases) {
        const info = { fieldName, fieldNodes: [], returnType: field.type, parentType: type } as never;
        const result = field.resolve({ [fieldName]: huge }, args, { budget }, info) as unknown[];
        expect({ key, args, length: result.length }).toEqual({ key, args, length: boundFor(size, args) });
      }
      if (size.slicingArgument !== undefined) {
        const info = { fieldName, fieldNodes: [], returnType: field.type, parentType: type } as never;
        expect(() => field.resolve?.({ [fieldName]: huge }, { [size.slicingArgument as string]: (size.maxSize as number) + 1 }, { budget }, info)).toThrow(
          `${size.slicingArgument} must be between 0 and ${size.maxSize as number}`,
        );
      }
    });
  });
});
