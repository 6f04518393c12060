import { isTransientNetworkError } from '../../../../datasources/shared/isTransientNetworkError';

/** Node's socket error as `net` creates it (errno, code, syscall, address, port). */
const socketError = (code: string, syscall = 'connect', address = '127.0.0.1') =>
  Object.assign(new Error(`${syscall} ${code} ${address}:5432`), { errno: -1, code, syscall, address, port: 5432 });

describe('isTransientNetworkError', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])(
    'retries %s on the error, in its cause chain and behind a wrapper two levels deep',
    (code) => {
      expect(isTransientNetworkError(socketError(code))).toBe(true);
      expect(isTransientNetworkError(new TypeError('fetch failed', { cause: socketError(code) }))).toBe(true);
      expect(isTransientNetworkError(new Error('outer', { cause: new TypeError('terminated', { cause: socketError(code, 'read') }) }))).toBe(true);
    },
  );

  it('retries a connect refused on every address of a host name (Node reports an AggregateError)', () => {
    // net.connect with autoSelectFamily to a name with an IPv6 and an IPv4 address, both refusing.
    const aggregate = new AggregateError([socketError('ECONNREFUSED', 'connect', '::1'), socketError('ECONNREFUSED')], '');
    expect(isTransientNetworkError(aggregate)).toBe(true);
    expect(isTransientNetworkError(new Error('Failed to connect', { cause: aggregate }))).toBe(true);
  });

  it('does not retry a client closed by the gateway itself, errors without a code, or non-errors', () => {
    expect(isTransientNetworkError(Object.assign(new Error('The client is destroyed'), { code: 'UND_ERR_DESTROYED' }))).toBe(false);
    expect(isTransientNetworkError(Object.assign(new Error('The client is closed'), { code: 'UND_ERR_CLOSED' }))).toBe(false);
    expect(isTransientNetworkError(new Error('ECONNREFUSED'))).toBe(false);
    expect(isTransientNetworkError('ECONNREFUSED')).toBe(false);
    expect(isTransientNetworkError(null)).toBe(false);
  });

  it('stops following a cause chain that loops', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = new Error('b', { cause: a });
    expect(isTransientNetworkError(a)).toBe(false);
  });
});
