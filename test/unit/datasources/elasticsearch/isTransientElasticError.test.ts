import { errors } from '@elastic/elasticsearch';
import { ElasticBulkError } from '../../../../datasources/elasticsearch/ElasticProjection';
import { isTransientElasticError } from '../../../../datasources/elasticsearch/isTransientElasticError';

const response = (statusCode: number) =>
  new errors.ResponseError({ statusCode, body: { error: { type: 'x' } }, warnings: null, meta: {} as never });

describe('isTransientElasticError', () => {
  it('retries failures to reach a node', () => {
    expect(isTransientElasticError(new errors.ConnectionError('connect ECONNREFUSED'))).toBe(true);
    expect(isTransientElasticError(new errors.TimeoutError('Request timed out'))).toBe(true);
    expect(isTransientElasticError(new errors.NoLivingConnectionsError('no living connections', {} as never))).toBe(true);
    expect(isTransientElasticError(Object.assign(new Error('socket'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it.each([429, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isTransientElasticError(response(status))).toBe(true);
  });

  it.each([400, 401, 404, 409, 500])('does not retry HTTP %i', (status) => {
    expect(isTransientElasticError(response(status))).toBe(false);
  });

  it('retries a bulk request refused for a full queue (429), not one refused for a bad document', () => {
    expect(isTransientElasticError(new ElasticBulkError('refused', 429, 1))).toBe(true);
    expect(isTransientElasticError(new ElasticBulkError('refused', 400, 1))).toBe(false);
  });

  it('does not retry anything else', () => {
    expect(isTransientElasticError(new errors.SerializationError('bad', {}))).toBe(false);
    expect(isTransientElasticError(new Error('boom'))).toBe(false);
    expect(isTransientElasticError('boom')).toBe(false);
    expect(isTransientElasticError(null)).toBe(false);
  });
});
