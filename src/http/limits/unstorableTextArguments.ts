import {
  type DocumentNode,
  getArgumentValues,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { findUnstorableCharacter } from '../../core/domain/storableText';
import type { InputProblem } from '../../core/errors';

/** Problems reported at most (a request with thousands of bad strings needs no thousands of lines back). */
const MAX_PROBLEMS = 10;

/**
 * Every string in the arguments of `operation` (and of the fragments of `document` it can spread) that holds a
 * character no store can hold (NUL, an unpaired surrogate: src/core/domain/storableText.ts). Arguments are read as
 * execution will read them (`getArgumentValues` over the coerced `variables`): literals, variables and defaults
 * alike, at any depth of input objects and lists, on fields and directives. Each problem names the argument path
 * (`filter.doi`, `filter.type[0]`, `input.newAuthors[1].displayName`) and the field or directive it belongs to
 * (`Query.works`). An argument that does not coerce is skipped: execution refuses it with its own error.
 */
export function unstorableTextArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const typeInfo = new TypeInfo(schema);
  const executed: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
  const check = (owner: string, read: () => Record<string, unknown>) => {
    let args: Record<string, unknown>;
    try {
      args = read();
    } catch {
      return;
    }
    for (const [name, value] of Object.entries(args)) collectStrings(value, name, owner, problems);
  };
  visit(
    executed,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (field && parent && (node.arguments?.length ?? 0) > 0) check(`${parent.name}.${field.name}`, () => getArgumentValues(field, node, variables));
        return problems.length >= MAX_PROBLEMS ? false : undefined;
      },
      Directive(node) {
        const directive = typeInfo.getDirective();
        if (directive && (node.arguments?.length ?? 0) > 0) check(`@${directive.name}`, () => getArgumentValues(directive, node, variables));
      },
    }),
  );
  return problems.slice(0, MAX_PROBLEMS);
}

/** Walks one argument value without recursion (its depth is the client's choice), collecting its bad strings. */
function collectStrings(value: unknown, path: string, owner: string, problems: InputProblem[]): void {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const [current, at] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      const bad = findUnstorableCharacter(current);
      if (bad) problems.push({ field: at, message: `holds ${bad.description} at position ${bad.index}, which no store can hold (argument of ${owner})` });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${at}[${i}]`]);
    } else if (current !== null && typeof current === 'object') {
      for (const key of Object.keys(current).reverse()) stack.push([(current as Record<string, unknown>)[key], `${at}.${key}`]);
    }
  }
}
