import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import { introspectionListSizes } from '../../../../../src/http/limits/introspectionListSizes';

describe('introspectionListSizes', () => {
  it('gives the average length of each introspection list of the schema, at least 1', () => {
    const schema = buildSchema(`
      type Query { a(x: Int, y: Int, z: Int): String b: String c: String d: String }
      type Other { e: String }
    `);
    const sizes = introspectionListSizes(schema);
    const typeCount = Object.keys(schema.getTypeMap()).length;
    expect(sizes.get('__Schema.types')).toBe(typeCount);
    expect(sizes.get('__Schema.directives')).toBe(schema.getDirectives().length);
    const objectFields = Object.values(schema.getTypeMap()).reduce((n, t) => n + (isObjectType(t) || isInterfaceType(t) ? Object.keys(t.getFields()).length : 0), 0);
    expect(sizes.get('__Type.fields')).toBe(Math.ceil(objectFields / typeCount));
    // Every field of every object type (introspection types included) has few arguments: the average rounds up to 1.
    expect(sizes.get('__Field.args')).toBe(1);
    for (const key of ['__Type.inputFields', '__Type.enumValues', '__Type.interfaces', '__Type.possibleTypes', '__Directive.args']) {
      expect(sizes.get(key)).toBeGreaterThanOrEqual(1);
    }
  });

  it('grows with the schema', () => {
    const small = introspectionListSizes(buildSchema('type Query { a: String }'));
    const fields = Array.from({ length: 400 }, (_, i) => `f${i}: String`).join(' ');
    const large = introspectionListSizes(buildSchema(`type Query { ${fields} } type T1 { ${fields} } type T2 { ${fields} }`));
    expect(large.get('__Type.fields')).toBeGreaterThan(small.get('__Type.fields') as number);
    expect(large.get('__Schema.types')).toBe((small.get('__Schema.types') as number) + 2);
  });
});
