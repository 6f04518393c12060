import { type CachedResponse, decodeCachedResponse, encodeCachedResponse, sharedMaxAge } from '../../../../../src/http/caching/cachedResponse';

const ENTRY: CachedResponse = {
  generation: 'g1',
  storedAt: 1_700_000_000_000,
  contentType: 'application/graphql-response+json; charset=utf-8',
  cacheControl: 'max-age=300, public',
  etag: 'W/"2a-abc"',
  vary: 'Accept',
  operationName: 'Works',
  body: '{"data":{"works":{"nodes":[{"title":"line\\nbreak \\u00e9 \\"quoted\\""}]}}}\n',
};

describe('the stored form of a cached response', () => {
  it('gives back every field and the body byte for byte, line breaks in the body included', () => {
    expect(decodeCachedResponse(encodeCachedResponse(ENTRY))).toEqual(ENTRY);
    const bare: CachedResponse = { ...ENTRY, etag: undefined, vary: undefined, operationName: undefined, body: '' };
    expect(decodeCachedResponse(encodeCachedResponse(bare))).toEqual({ ...bare });
  });

  it('reads anything else — an older layout, a bare JSON answer, a broken head — as a miss', () => {
    for (const stored of ['', '{"data":{}}', 'not json\n{}', '{"generation":1}\n{}', '{"generation":"g","storedAt":1,"contentType":"a"}\n{}', 'null\n{}', '[]\n{}']) {
      expect(decodeCachedResponse(stored)).toBeUndefined();
    }
    const wrongType = encodeCachedResponse({ ...ENTRY, etag: 5 as unknown as string });
    expect(decodeCachedResponse(wrongType)).toBeUndefined();
  });
});

describe('sharedMaxAge', () => {
  it('is the max-age of a public Cache-Control above 0 and nothing else', () => {
    expect(sharedMaxAge('max-age=300, public')).toBe(300);
    expect(sharedMaxAge('max-age=1, public')).toBe(1);
    for (const value of [undefined, 'no-store', 'max-age=0, public', 'max-age=300, private', 'max-age=300', 'public, max-age=300', 'max-age=-1, public', 'max-age=3e2, public']) {
      expect(sharedMaxAge(value)).toBeUndefined();
    }
  });
});
