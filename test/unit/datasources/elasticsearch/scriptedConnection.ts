import {
  BaseConnection,
  Client,
  type ConnectionRequestOptions,
  type ConnectionRequestOptionsAsStream,
  type ConnectionRequestParams,
  type ConnectionRequestResponse,
  type ConnectionRequestResponseAsStream,
} from '@elastic/elasticsearch';
import { refusingEmptyAnswers } from '../../../../datasources/elasticsearch/refusingEmptyAnswers';

/** What the node "answers": a status, headers and a body as they come off the wire, or the error the connection throws. */
export type ScriptedAnswer = { statusCode: number; body: string; headers?: Record<string, string> } | { error: Error };

/** Headers Elasticsearch 8 sends on every answer (the client refuses a 2xx without the product header). */
const ES_HEADERS = { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' };

/**
 * A connection class for the real `Client` that answers from a script instead of a socket, so the client's own
 * transport turns each answer into the error it produces for real (ResponseError, DeserializationError,
 * ProductNotSupportedError…) without any I/O. Errors are thrown as UndiciConnection throws them.
 */
export function scriptedConnection(answer: (params: ConnectionRequestParams) => ScriptedAnswer) {
  return class ScriptedConnection extends BaseConnection {
    override async request(params: ConnectionRequestParams, options: ConnectionRequestOptions): Promise<ConnectionRequestResponse>;
    override async request(params: ConnectionRequestParams, options: ConnectionRequestOptionsAsStream): Promise<ConnectionRequestResponseAsStream>;
    override async request(params: ConnectionRequestParams): Promise<ConnectionRequestResponse | ConnectionRequestResponseAsStream> {
      const scripted = answer(params);
      if ('error' in scripted) throw scripted.error;
      return { statusCode: scripted.statusCode, headers: { ...ES_HEADERS, ...scripted.headers }, body: scripted.body };
    }
  };
}

/** The real client over a scripted node, with the gateway's connection check (openElasticsearch's setup). */
export function scriptedClient(answer: (params: ConnectionRequestParams) => ScriptedAnswer): Client {
  return new Client({ node: 'http://es.invalid:9200', maxRetries: 0, Connection: refusingEmptyAnswers(scriptedConnection(answer)) });
}
