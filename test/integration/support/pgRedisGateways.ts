import Redis from 'ioredis';
import { storeEndpoints } from '../../support/storeEndpoints';
import { startTestGateway, type TestGateway } from '../../support/testGateway';
import { createThrowawayDatabase } from './throwawayDatabase';

/** What a suite of gateways on real PostgreSQL + Redis sees, once its `beforeAll` has run. */
export interface PgRedisGateways {
  /** The first (or only) gateway. */
  readonly gateway: TestGateway;
  /** Every replica, in start order. */
  readonly gateways: readonly TestGateway[];
  /** A client of the suite's own Redis database. */
  readonly redis: Redis;
}

/**
 * Registers `beforeAll`/`afterAll` for `replicas` gateways (default 1) on one throwaway PostgreSQL database and
 * Redis database `redisDb`, the suite's own (flushed first, so no earlier run's entries answer), with `env` added
 * to each gateway's environment. Call it inside the suite's `describe`; the getter is valid in its tests.
 */
export function pgRedisGateways(redisDb: number, options: { readonly replicas?: number; readonly env?: Record<string, string> } = {}): () => PgRedisGateways {
  const redisUrl = `${storeEndpoints.redis.replace(/\/\d*$/, '')}/${redisDb}`;
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>> | undefined;
  let redis: Redis | undefined;
  const gateways: TestGateway[] = [];

  beforeAll(async () => {
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    await redis.flushdb();
    database = await createThrowawayDatabase();
    for (let i = 0; i < (options.replicas ?? 1); i++) {
      gateways.push(await startTestGateway({ DATABASE_URL: database.url, REDIS_URL: redisUrl, ...options.env }));
    }
  });
  afterAll(async () => {
    for (const g of gateways) await g.stop();
    await database?.drop();
    await redis?.quit();
  });

  return () => {
    const [gateway] = gateways;
    if (!gateway || !redis) throw new Error('pgRedisGateways: used before its beforeAll ran');
    return { gateway, gateways, redis };
  };
}
