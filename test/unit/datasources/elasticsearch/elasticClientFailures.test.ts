import { errors } from '@elastic/elasticsearch';
import { emptyBatch, type WorkWrite } from '../../../../datasources/writes/catalogWrite';
import { ElasticBulkError, ElasticProjection } from '../../../../datasources/elasticsearch/ElasticProjection';
import { ElasticSearchIndex } from '../../../../datasources/elasticsearch/ElasticSearchIndex';
import { isTransientElasticError } from '../../../../datasources/elasticsearch/isTransientElasticError';
import { ElasticEmptyAnswerError } from '../../../../datasources/elasticsearch/refusingEmptyAnswers';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import { StoreUnavailableError } from '../../../../src/core/errors';
import { type ScriptedAnswer, scriptedClient } from './scriptedConnection';

/*
 * The real @elastic/elasticsearch client (its transport, serializer and product check) over a scripted
 * connection: each answer below is what a node that is going away, or a proxy in front of it, sends; the errors
 * are the ones the client itself builds from them. Connection-level failures are thrown the way UndiciConnection
 * throws them (test/embedded/dyingStoreAnswers.test.ts checks the same modes over a real socket).
 */

const esError = (status: number, error: Record<string, unknown>): ScriptedAnswer => ({ statusCode: status, body: JSON.stringify({ error, status }) });
const cause = (type: string, reason: string) => ({ type, reason });
/** A search whose every shard failed with `reason` (ES derives the status from the shard failures). */
const allShardsFailed = (status: number, reason: { type: string; reason: string }) =>
  esError(status, {
    root_cause: [reason],
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    phase: 'query',
    grouped: true,
    failed_shards: [{ shard: 0, index: 'works', node: 'n1', reason }],
  });

const search = (answer: () => ScriptedAnswer) => new ElasticSearchIndex(scriptedClient(answer), new StorePolicy('elasticsearch', isTransientElasticError, { maxAttempts: 1 }), 'works');
const searchOnce = (answer: () => ScriptedAnswer) => search(answer).search('hydrogen', undefined, { first: 5, sort: [] });
/** The client's own error for the answer, before any policy. */
const clientError = (answer: () => ScriptedAnswer) =>
  scriptedClient(answer)
    .search({ index: 'works', query: { match_all: {} } })
    .then(
      () => undefined,
      (err: unknown) => err,
    );

const unavailable: [string, () => ScriptedAnswer, new (...args: never[]) => Error][] = [
  ['a connection reset', () => ({ error: new errors.ConnectionError('read ECONNRESET') }), errors.ConnectionError],
  ['a body cut before its end', () => ({ error: new errors.ConnectionError('other side closed') }), errors.ConnectionError],
  ['a request timeout', () => ({ error: new errors.TimeoutError('Request timed out') }), errors.TimeoutError],
  ['a 200 whose body is not JSON', () => ({ statusCode: 200, body: '<html><body>upstream down</body></html>' }), errors.DeserializationError],
  ['a 200 whose JSON is truncated', () => ({ statusCode: 200, body: '{"took":3,"timed_out":false,"hits":{"tot' }), errors.DeserializationError],
  ['an empty 200', () => ({ statusCode: 200, body: '' }), ElasticEmptyAnswerError],
  ['a 502 from a proxy', () => ({ statusCode: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } }), errors.ResponseError],
  ['a 503 with all shards failed', () => allShardsFailed(503, cause('no_shard_available_action_exception', 'No shard available for [works][0]')), errors.ResponseError],
  ['a 503 cluster block while the state is not recovered', () => esError(503, cause('cluster_block_exception', 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];')), errors.ResponseError],
  ['a 504', () => ({ statusCode: 504, body: '' }), errors.ResponseError],
  ['a 500 because the engine is closed', () => allShardsFailed(500, cause('already_closed_exception', '[works][0] engine is closed')), errors.ResponseError],
  ['a 500 because the node is closed', () => esError(500, { root_cause: [cause('node_closed_exception', 'node closed {n1}')], ...cause('node_closed_exception', 'node closed {n1}') }), errors.ResponseError],
  ['a 500 because the shard is closing', () => esError(500, { ...cause('illegal_index_shard_state_exception', 'CurrentState[CLOSED] operations only allowed when shard state is one of [POST_RECOVERY, STARTED]') }), errors.ResponseError],
  ['a 500 caused by a closed shard', () => esError(500, { ...cause('exception', 'wrapped'), caused_by: cause('index_shard_closed_exception', 'CurrentState[CLOSED] Closed') }), errors.ResponseError],
];

describe('Elasticsearch client failures of a node that is going away are unavailability', () => {
  it.each(unavailable)('%s', async (_mode, answer, errorClass) => {
    const err = await clientError(answer);
    expect(err).toBeInstanceOf(errorClass);
    expect(isTransientElasticError(err)).toBe(true);
    const viaPolicy = await searchOnce(answer).catch((e: unknown) => e);
    expect(viaPolicy).toBeInstanceOf(StoreUnavailableError);
    expect(viaPolicy).toMatchObject({ store: 'elasticsearch', extensions: { code: 'UPSTREAM_UNAVAILABLE', store: 'elasticsearch' } });
  });

  it('names the request in an empty answer, and lets an empty HEAD answer (index exists) through', async () => {
    const err = await clientError(() => ({ statusCode: 200, body: '' }));
    expect(err).toMatchObject({ method: 'POST', path: '/works/_search', statusCode: 200 });
    expect(await scriptedClient(() => ({ statusCode: 200, body: '' })).indices.exists({ index: 'works' })).toBe(true);
  });

  it('retries a bulk item refused because the engine is closed, not one refused for a bad document', async () => {
    const work = { id: 'W1', title: 'T', referencedWorkIds: [], countsByYear: [], authorships: [], topics: [] } as unknown as WorkWrite;
    const bulkAnswer = (status: number, type: string): ScriptedAnswer => ({
      statusCode: 200,
      body: JSON.stringify({ took: 1, errors: true, items: [{ index: { _index: 'works', _id: 'W1', status, error: { type, reason: 'x' } } }] }),
    });
    const apply = (answer: ScriptedAnswer) =>
      new ElasticProjection(scriptedClient(() => answer), new StorePolicy('elasticsearch', isTransientElasticError, { maxAttempts: 1 }), 'works')
        .apply({ ...emptyBatch(), works: [work] })
        .catch((e: unknown) => e);
    expect(await apply(bulkAnswer(500, 'already_closed_exception'))).toBeInstanceOf(StoreUnavailableError);
    const refused = await apply(bulkAnswer(400, 'document_parsing_exception'));
    expect(refused).toBeInstanceOf(ElasticBulkError);
    expect(refused).toMatchObject({ statusCode: 400, errorType: 'document_parsing_exception' });
    // An empty answer to a bulk used to read as "no errors": applied. It is a failure.
    expect(await apply({ statusCode: 200, body: '' })).toBeInstanceOf(StoreUnavailableError);
  });
});

const deterministic: [string, () => ScriptedAnswer, new (...args: never[]) => Error][] = [
  ['a query that does not parse (400)', () => esError(400, { root_cause: [cause('parsing_exception', 'unknown query [mtch]')], ...cause('parsing_exception', 'unknown query [mtch]') }), errors.ResponseError],
  ['a query a shard cannot run (400, all shards failed)', () => allShardsFailed(400, cause('query_shard_exception', 'failed to create query: For input string: "x"')), errors.ResponseError],
  ['a missing index (404)', () => esError(404, cause('index_not_found_exception', 'no such index [works]')), errors.ResponseError],
  ['an index the user closed (400)', () => esError(400, cause('index_closed_exception', 'closed')), errors.ResponseError],
  ['a version conflict (409)', () => esError(409, cause('version_conflict_engine_exception', '[W1]: version conflict')), errors.ResponseError],
  ['an unexplained 500', () => esError(500, { root_cause: [cause('null_pointer_exception', 'x is null')], ...cause('null_pointer_exception', 'x is null') }), errors.ResponseError],
  ['a 200 from a server that is not Elasticsearch', () => ({ statusCode: 200, body: '{}', headers: { 'x-elastic-product': '' } }), errors.ProductNotSupportedError],
];

describe('Elasticsearch errors that are the caller’s fault stay what they are', () => {
  it.each(deterministic)('%s passes through the policy unchanged, not retried', async (_mode, answer, errorClass) => {
    const err = await clientError(answer);
    expect(err).toBeInstanceOf(errorClass);
    expect(isTransientElasticError(err)).toBe(false);
    let calls = 0;
    const counted = () => {
      calls++;
      return answer();
    };
    const retrying = new ElasticSearchIndex(scriptedClient(counted), new StorePolicy('elasticsearch', isTransientElasticError, { maxAttempts: 3, initialBackoffMs: 1 }), 'works');
    const viaPolicy = await retrying.search('hydrogen', undefined, { first: 5, sort: [] }).catch((e: unknown) => e);
    expect(viaPolicy).toBeInstanceOf(errorClass);
    expect(calls).toBe(1);
  });
});
