import { ConfigError, loadConfig } from '../../../src/config';

describe('loadConfig', () => {
  it('defaults to the embedded profile: PGlite under .data/pglite, seeded, no other store', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      nodeEnv: 'development',
      postgres: { url: undefined, dataDir: '.data/pglite', seed: 'sample' },
      redis: undefined,
      neo4j: undefined,
      influx: undefined,
      elasticsearch: undefined,
    });
  });

  it('uses each store whose variable is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/openalex',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NEO4J_URL: 'bolt://127.0.0.1:7687',
      NEO4J_PASSWORD: 'secret',
      INFLUX_URL: 'http://127.0.0.1:8086',
      ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
    });
    expect(config.postgres.url).toBe('postgres://u@127.0.0.1:5432/openalex');
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379' });
    expect(config.neo4j).toEqual({ url: 'bolt://127.0.0.1:7687', user: 'neo4j', password: 'secret' });
    expect(config.influx).toEqual({ url: 'http://127.0.0.1:8086', database: 'openalex', token: '' });
    expect(config.elasticsearch).toEqual({ url: 'http://127.0.0.1:9200', index: 'works' });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ REDIS_URL: '', DATABASE_URL: '  ' }).redis).toBeUndefined();
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', SEED: 'all', REDIS_URL: 'not a url' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', SEED: 'all', REDIS_URL: 'not a url' });
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT:/m);
      expect(problems).toMatch(/^SEED:/m);
      expect(problems).toMatch(/^REDIS_URL:/m);
    }
  });
});
