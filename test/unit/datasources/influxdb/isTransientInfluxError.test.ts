import { InfluxHttpError, InfluxUnreadableResponseError } from '../../../../datasources/influxdb/InfluxV1Client';
import { isTransientInfluxError } from '../../../../datasources/influxdb/isTransientInfluxError';

describe('isTransientInfluxError', () => {
  it('retries socket failures, fetch failures and the client timeout', () => {
    expect(isTransientInfluxError(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    expect(isTransientInfluxError(new TypeError('fetch failed'))).toBe(true);
    expect(isTransientInfluxError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe(true);
  });

  it('retries 408/429/502/503/504 and a 500 that says it timed out or is overloaded', () => {
    for (const status of [408, 429, 502, 503, 504]) expect(isTransientInfluxError(new InfluxHttpError(`failed (${status})`, status))).toBe(true);
    expect(isTransientInfluxError(new InfluxHttpError('influx write failed (500): {"error":"timeout"}', 500))).toBe(true);
    expect(isTransientInfluxError(new InfluxHttpError('influx write failed (500): engine: cache maximum memory size exceeded', 500))).toBe(true);
  });

  it('does not retry bad queries, missing databases, rejected points or other errors', () => {
    expect(isTransientInfluxError(new InfluxHttpError('influx query failed (400): error parsing query', 400))).toBe(false);
    expect(isTransientInfluxError(new InfluxHttpError('influx query failed (200): database not found: x', 200))).toBe(false);
    expect(isTransientInfluxError(new InfluxHttpError('influx write failed (400): partial write: field type conflict', 400))).toBe(false);
    expect(isTransientInfluxError(new InfluxHttpError('influx write failed (500): something broke', 500))).toBe(false);
    expect(isTransientInfluxError(new TypeError('x is not a function'))).toBe(false);
    expect(isTransientInfluxError('ECONNREFUSED')).toBe(false);
    expect(isTransientInfluxError(null)).toBe(false);
  });

  it('retries an answer that broke off or is not InfluxDB JSON', () => {
    expect(isTransientInfluxError(new InfluxUnreadableResponseError('influx query answered 200 with an empty body', 200))).toBe(true);
    const cut = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(isTransientInfluxError(new InfluxUnreadableResponseError('influx query answer (200) broke off', 200, { cause: cut }))).toBe(true);
  });

  it.each(['engine is closed', 'store is closed', 'shard is disabled', 'query engine shutdown', 'query interrupted'])(
    'retries "%s" in a 200 result or a 5xx, not in a 4xx',
    (message) => {
      expect(isTransientInfluxError(new InfluxHttpError(`influx query failed (200): ${message}`, 200))).toBe(true);
      expect(isTransientInfluxError(new InfluxHttpError(`influx write failed (500): {"error":"${message}"}`, 500))).toBe(true);
      expect(isTransientInfluxError(new InfluxHttpError(`influx query failed (400): error parsing query: ${message}`, 400))).toBe(false);
    },
  );
});
