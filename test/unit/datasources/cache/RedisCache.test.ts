import Redis, { ReplyError } from 'ioredis';
import pino from 'pino';
import { REDIS_CLIENT_OPTIONS, RedisCache } from '../../../../datasources/cache/RedisCache';
import { isTransientRedisError } from '../../../../datasources/cache/isTransientRedisError';
import { fakeRedisConnector, type RedisBehaviour } from './fakeRedis';

/*
 * RedisCache over the real ioredis client (the gateway's fail-fast options) connected to an in-memory Redis
 * (fakeRedis.ts, through ioredis's Connector option): every way Redis fails is a cache miss — never an error
 * to the caller — and the failures that mean Redis is away are the ones that count towards the breaker.
 */

const silentLogger = pino({ level: 'silent' });
const caches: RedisCache[] = [];

async function cacheWith(behaviour: () => RedisBehaviour, policy = {}) {
  const { Connector, connections } = fakeRedisConnector(behaviour);
  const client = new Redis({ ...REDIS_CLIENT_OPTIONS, Connector });
  const cache = new RedisCache(client, silentLogger, { breakerThreshold: 100, ...policy });
  caches.push(cache);
  expect(await cache.waitUntilReady(2_000)).toBe(true);
  return { cache, client, connections };
}

afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
});

describe('RedisCache: every Redis failure is a cache miss', () => {
  it('answers from the fake when it is healthy (the double is not failing everything)', async () => {
    const { cache } = await cacheWith(() => 'answer');
    expect(await cache.getMany(['a', 'b'])).toEqual([undefined, undefined]);
    await expect(cache.setMany([{ key: 'a', value: '1', ttlSeconds: 10 }])).resolves.toBeUndefined();
  });

  const modes: [string, RedisBehaviour, RegExp][] = [
    // With maxRetriesPerRequest 0, ioredis fails a command in flight when its connection drops this way.
    ['a connection closed mid-command', 'close', /^Reached the max retries per request limit \(which is 0\)/],
    ['a connection reset mid-command', 'reset', /^Reached the max retries per request limit \(which is 0\)/],
    ['a server still loading its dataset', 'loading', /^LOADING/],
  ];

  it.each(modes)('%s: reads are misses, writes and deletes resolve, and the failure counts as unavailability', async (_mode, behaviour, expected) => {
    let failing = false;
    const { cache, client } = await cacheWith(() => (failing ? behaviour : 'answer'));
    failing = true;
    const raw = await client.mget('k1').catch((e: unknown) => e);
    expect(String((raw as Error).message)).toMatch(expected);
    expect(isTransientRedisError(raw)).toBe(true);
    expect(await cache.getMany(['k1', 'k2'])).toEqual([undefined, undefined]);
    await expect(cache.setMany([{ key: 'k1', value: 'v', ttlSeconds: 10 }])).resolves.toBeUndefined();
    await expect(cache.delete(['k1'])).resolves.toBeUndefined();
    await expect(cache.deleteByPrefix(['gw:'])).resolves.toBeUndefined();
  });

  it('a Redis that never answers is a miss after the policy’s timeout', async () => {
    let failing = false;
    const { cache } = await cacheWith(() => (failing ? 'silent' : 'answer'), { timeoutMs: 50 });
    failing = true;
    const started = Date.now();
    expect(await cache.getMany(['k'])).toEqual([undefined]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a client that is disconnected fails at once (no offline queue) and that counts as unavailability', async () => {
    const { cache, client } = await cacheWith(() => 'answer', { breakerThreshold: 2 });
    client.disconnect();
    const raw = await client.mget('k').catch((e: unknown) => e);
    expect((raw as Error).message).toMatch(/Connection is closed|Stream isn't writeable/);
    expect(isTransientRedisError(raw)).toBe(true);
    expect(await cache.getMany(['k'])).toEqual([undefined]);
    expect(await cache.getMany(['k'])).toEqual([undefined]);
    // Two unavailable calls opened the breaker (threshold 2): they counted as the store being away.
    expect(cache.policy.breakerState).toBe('open');
  });

  it('a reply error that is a bug (WRONGTYPE) is a miss too, but does not count towards the breaker', () => {
    expect(isTransientRedisError(new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(false);
    expect(isTransientRedisError(new ReplyError('LOADING Redis is loading the dataset in memory'))).toBe(true);
    expect(isTransientRedisError(new ReplyError('ERR unknown command'))).toBe(false);
  });
});
