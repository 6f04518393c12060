import type {
  BaseConnection,
  ConnectionRequestOptions,
  ConnectionRequestOptionsAsStream,
  ConnectionRequestParams,
  ConnectionRequestResponse,
  ConnectionRequestResponseAsStream,
} from '@elastic/elasticsearch';

/**
 * A successful answer to a request that expects a JSON body arrived with no body at all. Elasticsearch answers
 * every API the gateway calls (search, bulk, index create/delete/refresh) with a JSON document, so an empty one
 * comes from a node or a proxy failing, not from Elasticsearch: the classifier counts it as unavailability.
 */
export class ElasticEmptyAnswerError extends Error {
  override readonly name = 'ElasticEmptyAnswerError';

  constructor(
    readonly method: string,
    readonly path: string,
    readonly statusCode: number,
  ) {
    super(`elasticsearch answered ${method} ${path} with ${statusCode} and an empty body`);
  }
}

type ConnectionClass = new (...args: any[]) => BaseConnection; // eslint-disable-line @typescript-eslint/no-explicit-any -- a mixin's base constructor

/**
 * `Base` (the client's connection class) refusing a 2xx answer without a body to anything but HEAD. The
 * transport hands an empty body back as `''` (it only parses non-empty JSON), which the calls would read as a
 * result: a bulk with no `errors` looks applied, a search has no hits. Throwing here turns it into an error
 * the policy can classify. Streams (`asStream`) are passed on unread.
 */
export function refusingEmptyAnswers<T extends ConnectionClass>(Base: T): T {
  return class extends Base {
    override async request(params: ConnectionRequestParams, options: ConnectionRequestOptions): Promise<ConnectionRequestResponse>;
    override async request(params: ConnectionRequestParams, options: ConnectionRequestOptionsAsStream): Promise<ConnectionRequestResponseAsStream>;
    override async request(
      params: ConnectionRequestParams,
      options: ConnectionRequestOptions | ConnectionRequestOptionsAsStream,
    ): Promise<ConnectionRequestResponse | ConnectionRequestResponseAsStream> {
      const response = await super.request(params, options as ConnectionRequestOptions);
      const { statusCode, body } = response;
      const empty = typeof body === 'string' ? body === '' : Buffer.isBuffer(body) && body.length === 0;
      if (params.method !== 'HEAD' && statusCode >= 200 && statusCode < 300 && empty) throw new ElasticEmptyAnswerError(params.method, params.path, statusCode);
      return response;
    }
  };
}
