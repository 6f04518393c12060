import { ApolloServer, HeaderMap } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { CACHE_SCHEMA_VERSION, RESPONSE_CACHE_GENERATION_KEY } from '../../../../../datasources/cache/cacheKeys';
import { LruCache } from '../../../../../datasources/cache/LruCache';
import { ResponseCacheGeneration } from '../../../../../datasources/cache/ResponseCacheGeneration';
import { createHttpCachingPlugins, type ResponseCacheSettings } from '../../../../../src/http/caching/responseCachePlugins';
import { RESPONSE_CACHE_MAX_ENTRY_BYTES, responseCacheStore } from '../../../../../src/http/caching/responseCacheStore';
import { loadTypeDefs } from '../../../../../src/schema';

/** The real SDL (with its @cacheControl hints) over stub resolvers that count their calls. */
function stubServer(settings: ResponseCacheSettings, cache = new LruCache(), queries: 'public' | 'authenticated' = 'public') {
  const calls = { gateway: 0 };
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: {
      Query: {
        gateway: () => {
          calls.gateway += 1;
          return { version: `v${calls.gateway}`, stores: [] };
        },
        outbox: () => ({ pending: 0, deadLettered: 0, oldestPendingAgeSeconds: null, deadLetters: [] }),
        work: () => {
          throw new Error('boom');
        },
      },
      Mutation: { requeueDeadLetters: () => 0 },
    },
  });
  const server = new ApolloServer({ schema, plugins: createHttpCachingPlugins(settings, queries, cache) });
  const run = async (query: string, headers: [string, string][] = []) => {
    const res = await server.executeOperation({ query, http: { method: 'POST', headers: new HeaderMap(headers), search: '', body: {} } });
    const body = res.body.kind === 'single' ? res.body.singleResult : undefined;
    return { cacheControl: res.http.headers.get('cache-control'), data: body?.data as { gateway?: { version: string } } | undefined, errors: body?.errors };
  };
  return { server, run, calls, cache };
}

const ON: ResponseCacheSettings = { enabled: true, maxAgeSeconds: 300 };

describe('Cache-Control from the schema hints', () => {
  it('is public with the strictest max-age of the fields, capped by RESPONSE_CACHE_MAX_AGE', async () => {
    expect((await stubServer(ON).run('{ gateway { version } }')).cacheControl).toBe('max-age=60, public');
    expect((await stubServer({ enabled: true, maxAgeSeconds: 5 }).run('{ gateway { version } }')).cacheControl).toBe('max-age=5, public');
    expect((await stubServer({ enabled: true, maxAgeSeconds: 0 }).run('{ gateway { version } }')).cacheControl).toBe('no-store');
  });

  it('is no-store for a query with a max-age 0 field, a mutation, an error, or credentials', async () => {
    const { run } = stubServer(ON);
    const withOutbox = await run('{ gateway { version } outbox { pending } }');
    expect(withOutbox.errors).toBeUndefined();
    expect(withOutbox.cacheControl).toBe('no-store');
    expect((await run('mutation { requeueDeadLetters }')).cacheControl).toBe('no-store');
    expect((await run('{ gateway { version } work(id: "W1") { id } }')).cacheControl).toBe('no-store');
    expect((await run('{ gateway { version } }', [['authorization', 'Bearer x']])).cacheControl).toBe('no-store');
  });
});

describe('the response cache', () => {
  it('answers a repeated anonymous query from the cache, with the cached policy', async () => {
    const { run, calls } = stubServer(ON);
    expect((await run('{ gateway { version } }')).data?.gateway?.version).toBe('v1');
    const again = await run('{ gateway { version } }');
    expect(again.data?.gateway?.version).toBe('v1');
    expect(again.cacheControl).toBe('max-age=60, public');
    expect(calls.gateway).toBe(1);
    // A different document is another entry.
    await run('{ gateway { version stores { store } } }');
    expect(calls.gateway).toBe(2);
  });

  it('neither reads nor writes for requests with credentials', async () => {
    const { run, calls } = stubServer(ON);
    await run('{ gateway { version } }');
    await run('{ gateway { version } }', [['authorization', 'Bearer x']]);
    await run('{ gateway { version } }', [['authorization', 'Bearer x']]);
    expect(calls.gateway).toBe(3);
  });

  it('does not store responses with errors', async () => {
    const { run, calls } = stubServer(ON);
    await run('{ gateway { version } work(id: "W1") { id } }');
    await run('{ gateway { version } work(id: "W1") { id } }');
    expect(calls.gateway).toBe(2);
  });

  it('misses after the generation is bumped', async () => {
    const cache = new LruCache();
    const { run, calls } = stubServer(ON, cache);
    await run('{ gateway { version } }');
    await new ResponseCacheGeneration(cache).bump();
    expect((await run('{ gateway { version } }')).data?.gateway?.version).toBe('v2');
    await run('{ gateway { version } }');
    expect(calls.gateway).toBe(2);
  });

  it('is off with RESPONSE_CACHE=off and under AUTH_QUERIES=authenticated', async () => {
    for (const server of [stubServer({ enabled: false, maxAgeSeconds: 300 }), stubServer(ON, new LruCache(), 'authenticated')]) {
      const first = await server.run('{ gateway { version } }');
      await server.run('{ gateway { version } }');
      expect(server.calls.gateway).toBe(2);
      expect(first.cacheControl).toBe('max-age=60, public');
    }
  });
});

describe('ResponseCacheGeneration', () => {
  it('keeps one generation until bumped, and starts a new one when it is gone', async () => {
    const cache = new LruCache();
    const generation = new ResponseCacheGeneration(cache);
    const first = await generation.current();
    expect(await generation.current()).toBe(first);
    expect(await new ResponseCacheGeneration(cache).current()).toBe(first);
    const bumped = await generation.bump();
    expect(bumped).not.toBe(first);
    expect(await generation.current()).toBe(bumped);
    await cache.delete([RESPONSE_CACHE_GENERATION_KEY]);
    const restarted = await generation.current();
    expect([first, bumped]).not.toContain(restarted);
  });
});

describe('responseCacheStore', () => {
  it('stores under gw:v<n>:response:, with the given TTL, skipping oversized and zero-TTL entries', async () => {
    const cache = new LruCache();
    const store = responseCacheStore(cache);
    await store.set('fqc:abc', '{"data":1}', { ttl: 30 });
    expect(await store.get('fqc:abc')).toBe('{"data":1}');
    expect((await cache.getMany([`gw:v${CACHE_SCHEMA_VERSION}:response:fqc:abc`]))[0]).toBe('{"data":1}');
    await store.set('fqc:big', 'x'.repeat(RESPONSE_CACHE_MAX_ENTRY_BYTES + 1), { ttl: 30 });
    expect(await store.get('fqc:big')).toBeUndefined();
    await store.set('fqc:zero', '{}', { ttl: 0 });
    expect(await store.get('fqc:zero')).toBeUndefined();
    await store.delete('fqc:abc');
    expect(await store.get('fqc:abc')).toBeUndefined();
  });
});
