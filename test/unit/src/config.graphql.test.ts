import { ConfigError, loadConfig } from '../../../src/config';

describe('loadConfig: GRAPHQL_* request limits', () => {
  it('has documented defaults, with introspection and suggestions on outside production', () => {
    expect(loadConfig({}).graphql).toEqual({
      maxDepth: 12,
      maxAliases: 15,
      maxTokens: 1000,
      maxDirectives: 25,
      maxCost: 50000,
      maxResponseBytes: 8388608,
      heavyResponseBytes: 262144,
      heavyCost: 20000,
      maxHeavyOperations: 2,
      maxBatch: 10,
      bodyLimitBytes: 1024 * 1024,
      introspection: true,
      suggestions: true,
      persistedOnly: false,
      persistedDocuments: undefined,
    });
  });

  it('turns introspection and suggestions off in production unless enabled', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphql).toMatchObject({ introspection: false, suggestions: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_SUGGESTIONS: 'true' }).graphql).toMatchObject({
      introspection: true,
      suggestions: true,
    });
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'false', GRAPHQL_SUGGESTIONS: 'false' }).graphql).toMatchObject({ introspection: false, suggestions: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: '' }).graphql.introspection).toBe(false);
  });

  it('reads the numeric limits', () => {
    const graphql = loadConfig({
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_ALIASES: '4',
      GRAPHQL_MAX_TOKENS: '500',
      GRAPHQL_MAX_DIRECTIVES: '3',
      GRAPHQL_MAX_COST: '1234',
      GRAPHQL_MAX_BATCH: '1',
    }).graphql;
    expect(graphql).toMatchObject({ maxDepth: 8, maxAliases: 4, maxTokens: 500, maxDirectives: 3, maxCost: 1234, maxBatch: 1 });
  });

  it.each([
    ['65536', 65536],
    ['512kb', 512 * 1024],
    ['2MB', 2 * 1024 * 1024],
    ['1.5mb', 1.5 * 1024 * 1024],
    ['4096 b', 4096],
  ])('reads GRAPHQL_BODY_LIMIT=%s as %d bytes', (value, bytes) => {
    expect(loadConfig({ GRAPHQL_BODY_LIMIT: value }).graphql.bodyLimitBytes).toBe(bytes);
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '0'],
    ['GRAPHQL_MAX_COST', 'lots'],
    ['GRAPHQL_MAX_BATCH', '2.5'],
    ['GRAPHQL_BODY_LIMIT', '1gb'],
    ['GRAPHQL_BODY_LIMIT', '100'],
    ['GRAPHQL_INTROSPECTION', 'yes'],
    ['GRAPHQL_PERSISTED_ONLY', '1'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('takes a persisted documents file, and needs one for allow-list mode', () => {
    expect(loadConfig({ GRAPHQL_PERSISTED_DOCUMENTS: 'ops.json' }).graphql).toMatchObject({ persistedOnly: false, persistedDocuments: 'ops.json' });
    expect(loadConfig({ GRAPHQL_PERSISTED_ONLY: 'true', GRAPHQL_PERSISTED_DOCUMENTS: 'ops.json' }).graphql.persistedOnly).toBe(true);
    expect(() => loadConfig({ GRAPHQL_PERSISTED_ONLY: 'true' })).toThrow(/GRAPHQL_PERSISTED_ONLY: true needs GRAPHQL_PERSISTED_DOCUMENTS/);
  });
});
