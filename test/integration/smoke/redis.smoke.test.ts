import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { storeEndpoints } from '../../support/storeEndpoints';
import { describeStore } from '../support/describeStore';

describeStore('redis', 'smoke', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(storeEndpoints.redis, { maxRetriesPerRequest: 1 });
  });
  afterAll(() => redis.quit());

  it('writes a key with a TTL and reads it back', async () => {
    const key = `smoke:${randomUUID()}`;
    await redis.set(key, JSON.stringify({ id: 'W1' }), 'EX', 30);
    expect(JSON.parse((await redis.get(key)) ?? 'null')).toEqual({ id: 'W1' });
    expect(await redis.ttl(key)).toBeGreaterThan(0);
    await redis.del(key);
  });
});
