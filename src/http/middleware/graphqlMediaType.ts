import Negotiator from 'negotiator';

/** The two response media types of the GraphQL-over-HTTP specification. */
export type GraphqlMediaType = 'application/json' | 'application/graphql-response+json';

// Same candidates, in the same order, as Apollo Server's own choice (chooseContentTypeForSingleResultResponse),
// through the same library, so this always agrees with the content type Apollo puts on the response.
const CANDIDATES = ['application/json', 'application/graphql-response+json'] as const;

/**
 * The response media type a request with this `Accept` header gets: `application/json` when the header is
 * missing (GraphQL-over-HTTP: assume the legacy type), the client's preferred one of the two otherwise, and
 * `undefined` when it accepts neither (Apollo then answers 406).
 */
export function negotiateGraphqlMediaType(accept: string | undefined): GraphqlMediaType | undefined {
  if (accept === undefined || accept.trim() === '') return 'application/json';
  const preferred = new Negotiator({ headers: { accept } }).mediaType([...CANDIDATES]);
  return CANDIDATES.find((c) => c === preferred);
}
