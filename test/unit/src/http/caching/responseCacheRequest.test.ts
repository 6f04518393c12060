import http from 'node:http';
import { Socket } from 'node:net';
import { cacheableRequestOf, FRONT_MAX_BODY_BYTES, passesCsrfPrevention, responseCacheKey } from '../../../../../src/http/caching/responseCacheRequest';

/** A request as Node's server hands it over (no socket traffic: only the head is read). */
function request(method: string, url: string, headers: Record<string, string> = {}): http.IncomingMessage {
  const req = new http.IncomingMessage(new Socket());
  req.method = method;
  req.url = url;
  req.headers = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return req;
}

const JSON_POST = { 'content-type': 'application/json', 'content-length': '40' };
const LIMIT = 1_000_000;

describe('cacheableRequestOf', () => {
  it('takes anonymous GETs and small UTF-8 JSON POSTs of the GraphQL path', () => {
    expect(cacheableRequestOf(request('POST', '/graphql', JSON_POST), '/graphql', LIMIT)).toEqual({ method: 'POST', bodyBytes: 40 });
    expect(cacheableRequestOf(request('POST', '/graphql', { ...JSON_POST, 'content-type': 'application/json; charset=UTF-8' }), '/graphql', LIMIT)).toEqual({ method: 'POST', bodyBytes: 40 });
    expect(cacheableRequestOf(request('POST', '/graphql', { ...JSON_POST, 'content-encoding': 'identity' }), '/graphql', LIMIT)).toEqual({ method: 'POST', bodyBytes: 40 });
    expect(cacheableRequestOf(request('GET', '/graphql?query=%7Bgateway%7Bversion%7D%7D'), '/graphql', LIMIT)).toEqual({ method: 'GET' });
  });

  it('leaves to Express whatever it should parse or refuse itself', () => {
    const refused: [string, string, Record<string, string>][] = [
      ['POST', '/graphql', { ...JSON_POST, authorization: 'Bearer x' }],
      ['GET', '/graphql?query=x', { authorization: '' }],
      ['POST', '/graphql/explorer', JSON_POST],
      ['POST', '/health', JSON_POST],
      ['PUT', '/graphql', JSON_POST],
      ['OPTIONS', '/graphql', {}],
      ['GET', '/graphql', { accept: 'text/html' }],
      ['GET', '/graphql?tab=docs', {}],
      ['HEAD', '/graphql', {}],
      ['POST', '/graphql', { ...JSON_POST, 'content-encoding': 'gzip' }],
      ['POST', '/graphql', { ...JSON_POST, 'content-type': 'application/json; charset=latin1' }],
      ['POST', '/graphql', { ...JSON_POST, 'content-type': 'text/plain' }],
      ['POST', '/graphql', { ...JSON_POST, 'content-type': 'application/graphql' }],
      ['POST', '/graphql', { 'content-type': 'application/json' }],
      ['POST', '/graphql', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }],
      ['POST', '/graphql', { ...JSON_POST, 'content-length': String(FRONT_MAX_BODY_BYTES + 1) }],
      ['POST', '/graphql', { ...JSON_POST, 'content-length': '12abc' }],
    ];
    for (const [method, url, headers] of refused) expect(cacheableRequestOf(request(method, url, headers), '/graphql', LIMIT)).toBeUndefined();
    // Never more than the body limit, however small it is configured.
    expect(cacheableRequestOf(request('POST', '/graphql', JSON_POST), '/graphql', 39)).toBeUndefined();
  });
});

describe('passesCsrfPrevention (Apollo Server’s rule)', () => {
  it('passes a non-simple content type or a preflight header, and nothing else', () => {
    expect(passesCsrfPrevention({ 'content-type': 'application/json' })).toBe(true);
    expect(passesCsrfPrevention({ 'x-apollo-operation-name': 'Q' })).toBe(true);
    expect(passesCsrfPrevention({ 'apollo-require-preflight': 'true' })).toBe(true);
    expect(passesCsrfPrevention({})).toBe(false);
    expect(passesCsrfPrevention({ 'content-type': 'text/plain; charset=utf-8' })).toBe(false);
    expect(passesCsrfPrevention({ 'content-type': 'multipart/form-data' })).toBe(false);
    expect(passesCsrfPrevention({ 'x-apollo-operation-name': '' })).toBe(false);
  });
});

describe('responseCacheKey', () => {
  const body = Buffer.from('{"query":"{ gateway { version } }"}');

  it('is the same for the same request, and differs with anything its answer depends on', () => {
    const key = responseCacheKey(request('POST', '/graphql', JSON_POST), body);
    expect(responseCacheKey(request('POST', '/graphql', { ...JSON_POST, 'x-request-id': 'other', origin: 'https://app.example' }), body)).toBe(key);
    const others = [
      responseCacheKey(request('POST', '/graphql', JSON_POST), Buffer.from('{"query":"{ gateway { version }}"}')),
      responseCacheKey(request('POST', '/graphql', { ...JSON_POST, accept: 'application/json' }), body),
      responseCacheKey(request('POST', '/graphql?x=1', JSON_POST), body),
      responseCacheKey(request('GET', '/graphql?query=x', { 'apollo-require-preflight': '1' }), undefined),
      responseCacheKey(request('GET', '/graphql?query=x'), undefined),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });
});
