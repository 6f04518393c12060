import type http from 'node:http';
import type { RequestScope } from '../../core/requestScope';
import type { HttpOutcome } from '../../core/metrics';

/** How a finished request ended, as its log line, span and metric report it. */
export interface RequestOutcome {
  readonly outcome: HttpOutcome;
  /** Whether it was a GraphQL request (Apollo handled it, or a POST under the GraphQL path). */
  readonly isGraphql: boolean;
  /** The operation's metrics label; `unknown` for a GraphQL request without one, undefined for other requests. */
  readonly operation: string | undefined;
}

/** `aborted` when the response was not sent in full, `error` when it carried an error or a 4xx/5xx status. */
export function requestOutcome(req: http.IncomingMessage, res: http.ServerResponse, scope: RequestScope, path: string, graphqlPath: string): RequestOutcome {
  const isGraphql = scope.graphql || (req.method === 'POST' && path.startsWith(graphqlPath));
  const outcome = !res.writableFinished ? 'aborted' : scope.errorCodes.length > 0 || res.statusCode >= 400 ? 'error' : 'success';
  return { outcome, isGraphql, operation: scope.operation ?? (isGraphql ? 'unknown' : undefined) };
}
