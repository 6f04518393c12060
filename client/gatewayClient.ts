import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/**
 * A typed client for the web app's page operations (client/operations/*.graphql, compiled by `npm run codegen`
 * into client/generated/). It sends each operation by the id of its persisted document — never the text — so
 * the gateway must load client/generated/persisted-documents.json (GRAPHQL_PERSISTED_DOCUMENTS); with
 * GRAPHQL_PERSISTED_ONLY=true these operations are the only ones it runs. Queries go as GET, so the gateway's
 * response cache, ETags and any HTTP cache in between serve repeated pages; mutations go as POST.
 * Browser or Node (global `fetch`); no dependency besides the types.
 */

/** A page operation as the client preset generates it: typed, carrying its persisted document's id. */
export type PageOperation<TResult, TVariables> = TypedDocumentNode<TResult, TVariables> & { readonly __meta__?: { readonly hash?: string } };

/** One GraphQL error as the gateway formats it. */
export interface GatewayErrorEntry {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly [key: string]: unknown };
}

/** The answer to one operation: `data` (possibly partial) and the errors beside it. */
export interface GatewayResult<TResult> {
  readonly status: number;
  readonly data: TResult | null;
  readonly errors: readonly GatewayErrorEntry[];
}

export interface GatewayClientOptions {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  readonly endpoint: string;
  /** An editor's bearer token (README, "Writing articles"); omitted for anonymous reads. */
  readonly token?: string;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

export interface GatewayClient {
  request<TResult, TVariables extends Record<string, unknown>>(
    operation: PageOperation<TResult, TVariables>,
    variables: TVariables,
    init?: { readonly signal?: AbortSignal },
  ): Promise<GatewayResult<TResult>>;
}

/** Thrown when the answer is not a GraphQL response at all (a proxy's error page, a network failure). */
export class GatewayTransportError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GatewayTransportError';
  }
}

interface OperationFacts {
  readonly id: string;
  readonly name: string;
  readonly kind: 'query' | 'mutation' | 'subscription';
}

/** The id a page operation's persisted document is served under (the SHA-256 of its text, hex). */
export function persistedDocumentId(operation: PageOperation<unknown, never>): string {
  return factsOf(operation).id;
}

function factsOf(operation: PageOperation<unknown, never>): OperationFacts {
  const id = operation.__meta__?.hash;
  const definition = operation.definitions.find((d) => d.kind === 'OperationDefinition');
  if (id === undefined || definition?.kind !== 'OperationDefinition' || definition.name === undefined) {
    throw new TypeError('not a page operation of client/generated (no persisted document id or operation name)');
  }
  return { id, name: definition.name.value, kind: definition.operation };
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const doFetch = options.fetch ?? fetch;
  return {
    async request(operation, variables, init = {}) {
      const { id, name, kind } = factsOf(operation as PageOperation<unknown, never>);
      const extensions = { persistedQuery: { version: 1, sha256Hash: id } };
      const headers: Record<string, string> = {
        accept: 'application/graphql-response+json, application/json',
        // A header a cross-site form cannot send: the gateway's CSRF check lets such a GET through.
        'x-apollo-operation-name': name,
        ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      };
      let res: Response;
      if (kind === 'query') {
        const url = new URL(options.endpoint);
        url.searchParams.set('operationName', name);
        url.searchParams.set('variables', JSON.stringify(variables));
        url.searchParams.set('extensions', JSON.stringify(extensions));
        res = await doFetch(url, { method: 'GET', headers, signal: init.signal });
      } else {
        res = await doFetch(options.endpoint, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ operationName: name, variables, extensions }),
          signal: init.signal,
        });
      }
      const type = res.headers.get('content-type') ?? '';
      if (!/^application\/(graphql-response\+)?json/i.test(type)) {
        throw new GatewayTransportError(`${name}: HTTP ${res.status} answered ${type || 'no content type'}, not a GraphQL response`, res.status);
      }
      const body = (await res.json()) as { data?: unknown; errors?: GatewayErrorEntry[] };
      return { status: res.status, data: (body.data ?? null) as never, errors: body.errors ?? [] };
    },
  };
}
