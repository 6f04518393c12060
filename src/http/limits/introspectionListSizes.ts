import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, type GraphQLSchema } from 'graphql';

/**
 * The average length of each introspection list of `schema`, keyed `Type.field` (`__Schema.types`,
 * `__Type.fields`, `__Field.args`, …), at least 1: what a cost estimate should multiply by for them. So the
 * standard introspection query costs about what it really produces, while nesting introspection lists
 * (`types { fields { type { fields { … } } } }`) grows as fast in the estimate as in execution.
 */
export function introspectionListSizes(schema: GraphQLSchema): ReadonlyMap<string, number> {
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  const fieldsOf = types.flatMap((t) => (isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : []));
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const average = (total: number, over: number) => Math.max(1, Math.ceil(total / Math.max(1, over)));
  const perType = (count: (t: (typeof types)[number]) => number) => average(sum(types.map(count)), types.length);
  return new Map([
    ['__Schema.types', Math.max(1, types.length)],
    ['__Schema.directives', Math.max(1, directives.length)],
    ['__Type.fields', perType((t) => (isObjectType(t) || isInterfaceType(t) ? Object.keys(t.getFields()).length : 0))],
    ['__Type.inputFields', perType((t) => (isInputObjectType(t) ? Object.keys(t.getFields()).length : 0))],
    ['__Type.enumValues', perType((t) => (isEnumType(t) ? t.getValues().length : 0))],
    ['__Type.interfaces', perType((t) => (isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0))],
    ['__Type.possibleTypes', perType((t) => (isUnionType(t) || isInterfaceType(t) ? schema.getPossibleTypes(t).length : 0))],
    ['__Field.args', average(sum(fieldsOf.map((f) => f.args.length)), fieldsOf.length)],
    ['__Directive.args', average(sum(directives.map((d) => d.args.length)), directives.length)],
  ]);
}
