import { InfluxHttpError } from '../../../../datasources/influxdb/InfluxV1Client';
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
});
