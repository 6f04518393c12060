import type express from 'express';
import { negotiateGraphqlMediaType } from './graphqlMediaType';

/** One GraphQL error as a response body carries it. */
export interface RequestErrorBody {
  readonly message: string;
  readonly extensions: { readonly code: string; readonly [key: string]: unknown };
}

/**
 * Answers a request that is refused before Apollo sees it (body too large, malformed JSON, too many batched
 * operations) the way Apollo answers request errors: `{ "errors": [error] }` with `status`, in the media type
 * the client prefers of `application/json` and `application/graphql-response+json` (`application/json` when it
 * accepts neither), never an HTML page.
 */
export function sendRequestError(req: express.Request, res: express.Response, status: number, error: RequestErrorBody): void {
  const mediaType = negotiateGraphqlMediaType(req.get('accept')) ?? 'application/json';
  res.status(status).type(`${mediaType}; charset=utf-8`).send(JSON.stringify({ errors: [error] }));
}
