import { type ASTVisitor, GraphQLError, OperationTypeNode, type ValidationContext } from 'graphql';

const PLURALS = [
  [OperationTypeNode.QUERY, 'queries'],
  [OperationTypeNode.MUTATION, 'mutations'],
  [OperationTypeNode.SUBSCRIPTION, 'subscriptions'],
] as const;

/**
 * Validation rule "Operation Type Existence" (GraphQL specification, working draft, Validation › Operations; graphql-js 17 ships it as
 * KnownOperationTypesRule, 16 has none): an operation whose type has no root type in the schema is invalid. Without
 * it graphql-js 16 validates `subscription { … }` against a schema with no Subscription type and only fails while
 * executing, which the gateway would mask as INTERNAL_SERVER_ERROR. With it the request is refused as the invalid
 * document it is: GRAPHQL_VALIDATION_FAILED (400; 200 for `application/json` clients), saying what the schema serves.
 */
export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (schema.getRootType(node.operation) === undefined) {
        const served = PLURALS.filter(([type]) => schema.getRootType(type) !== undefined).map(([, plural]) => plural);
        context.reportError(new GraphQLError(`The schema has no ${node.operation} root type: this gateway serves ${served.join(' and ')} only.`, { nodes: node }));
      }
      return false;
    },
  };
}
