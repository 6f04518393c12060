import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { ErrorCode } from '../../core/errors';
import { RequestLimitError, type RequestLimitCode } from './RequestLimitError';

/** The maxima the document rules enforce, per operation (fragments counted where they are spread). */
export interface DocumentLimits {
  /** Nesting of fields (a top-level field is depth 1); introspection (`__schema`) is not counted. */
  readonly maxDepth: number;
  /** Aliased fields (`__typename` aliases excepted). */
  readonly maxAliases: number;
  /** Directive uses (`@include`, `@skip`, …). */
  readonly maxDirectives: number;
}

/**
 * Validation rules (from graphql-armor) that refuse an operation nested deeper, aliasing more fields or using
 * more directives than `limits` allow. Each refusal is a RequestLimitError (QUERY_TOO_DEEP, TOO_MANY_ALIASES,
 * TOO_MANY_DIRECTIVES) with the limit and the count found; Apollo answers it as a validation failure (400).
 */
export function documentLimitRules(limits: DocumentLimits): ValidationRule[] {
  const reject = (code: RequestLimitCode, limit: number) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(new RequestLimitError(code, armorMessage(error), { limit, ...found(error) }));
      },
    ],
  });
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true, ...reject(ErrorCode.QueryTooDeep, limits.maxDepth) },
    maxAliases: { n: limits.maxAliases, exposeLimits: true, ...reject(ErrorCode.TooManyAliases, limits.maxAliases) },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, ...reject(ErrorCode.TooManyDirectives, limits.maxDirectives) },
    // The token limit is graphql-js's own parse option, the cost limit a plugin (it needs the variables) and
    // suggestions are Apollo's option: see requestLimits.ts.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules;
}

/** graphql-armor words its refusals as syntax errors ("Syntax Error: Query depth limit of 6 exceeded, found 7."). */
function armorMessage(error: GraphQLError): string {
  return error.message.replace(/^Syntax Error: /, '');
}

function found(error: GraphQLError): { actual?: number } {
  const match = /found (\d+)\.?$/.exec(error.message);
  return match ? { actual: Number(match[1]) } : {};
}
