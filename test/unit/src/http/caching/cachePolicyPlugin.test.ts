import { ApolloServer, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { type GraphQLOutputType, isEnumType, isListType, isNonNullType, isScalarType } from 'graphql';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { cachePolicyPlugins } from '../../../../../src/http/caching/cachePolicyPlugin';
import { loadTypeDefs } from '../../../../../src/schema';

/** The real SDL (with its @cacheControl hints) over stub resolvers that count their calls. */
function stubServer(maxAgeSeconds: number | 'apollo') {
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
  const server = new ApolloServer({ schema, plugins: maxAgeSeconds === 'apollo' ? [ApolloServerPluginCacheControl()] : cachePolicyPlugins(maxAgeSeconds) });
  const run = async (query: string, headers: [string, string][] = []) => {
    const res = await server.executeOperation({ query, http: { method: 'POST', headers: new HeaderMap(headers), search: '', body: {} } });
    const body = res.body.kind === 'single' ? res.body.singleResult : undefined;
    return { cacheControl: res.http.headers.get('cache-control'), data: body?.data as { gateway?: { version: string } } | undefined, errors: body?.errors };
  };
  return { server, run, calls };
}

describe('Cache-Control from the schema hints', () => {
  it('is public with the strictest max-age of the fields, capped by RESPONSE_CACHE_MAX_AGE', async () => {
    expect((await stubServer(300).run('{ gateway { version } }')).cacheControl).toBe('max-age=60, public');
    expect((await stubServer(5).run('{ gateway { version } }')).cacheControl).toBe('max-age=5, public');
    expect((await stubServer(0).run('{ gateway { version } }')).cacheControl).toBe('no-store');
  });

  it('is no-store for a query with a max-age 0 field, a mutation, an error, or credentials', async () => {
    const { run } = stubServer(300);
    const withOutbox = await run('{ gateway { version } outbox { pending } }');
    expect(withOutbox.errors).toBeUndefined();
    expect(withOutbox.cacheControl).toBe('no-store');
    expect((await run('mutation { requeueDeadLetters }')).cacheControl).toBe('no-store');
    expect((await run('{ gateway { version } work(id: "W1") { id } }')).cacheControl).toBe('no-store');
    expect((await run('{ gateway { version } }', [['authorization', 'Bearer x']])).cacheControl).toBe('no-store');
  });
});

/**
 * The real SDL where every field resolves to something (an object, a one-item list, a value of its scalar or enum):
 * every field a document selects is reached, so Apollo's per-field policy covers all of them, as the static one does.
 */
function everythingResolves(plugins: ApolloServerPlugin[]) {
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs() });
  const valueOf = (type: GraphQLOutputType): unknown => {
    if (isNonNullType(type)) return valueOf(type.ofType);
    if (isListType(type)) return [valueOf(type.ofType)];
    if (isEnumType(type)) return type.getValues()[0]?.value;
    if (isScalarType(type)) return { Int: 1, Float: 1.5, Boolean: true }[type.name] ?? 'x';
    return {};
  };
  const server = new ApolloServer({ schema, plugins, fieldResolver: (_source, _args, _context, info) => valueOf(info.returnType) });
  return async (query: string) => {
    const res = await server.executeOperation({ query, http: { method: 'POST', headers: new HeaderMap(), search: '', body: {} } });
    return { cacheControl: res.http.headers.get('cache-control'), errors: res.body.kind === 'single' ? res.body.singleResult.errors : undefined };
  };
}

describe('the policy computed once per document', () => {
  it('is the policy Apollo’s own cache-control plugin computes field by field, for documents over the whole schema', async () => {
    // Ground truth: Apollo Server's cache-control plugin (the per-field hooks this replaces), on the same SDL.
    const apollo = everythingResolves([ApolloServerPluginCacheControl()]);
    const ours = everythingResolves(cachePolicyPlugins(86_400));
    const documents = [
      '{ gateway { version } }',
      '{ gateway { version stores { store backend } } }',
      '{ gateway { version } outbox { pending } }',
      '{ gateway { ...G } } fragment G on GatewayInfo { version stores { store } }',
      '{ gateway { ... on GatewayInfo { version } } }',
      '{ __typename }',
      '{ a: gateway { version } b: gateway { stores { store } } }',
      '{ works(first: 20) { nodes { id title citedByCount authorships { author { id displayName } } } } }',
      '{ work(id: "W1") { id title source { id displayName } topics { score topic { id displayName } } authorships { position institutions { id } } citedBy { totalCount } } }',
      '{ author(id: "A1") { id works(first: 20) { totalCount nodes { id } } } }',
      '{ searchWorks(query: "x") { totalCount nodes { id } } }',
      '{ autocompleteWorks(prefix: "x") { id } }',
      '{ citations(workId: "W1", depth: 2) { totalCount nodes { id } } }',
      '{ trends(subject: { kind: WORK, id: "W1" }, from: 2000, to: 2001) { points { period } } }',
      '{ works(first: 1) { nodes { id ...W } } } fragment W on Work { abstract references(first: 2) { nodes { id } } }',
    ];
    for (const document of documents) {
      const truth = await apollo(document);
      const answer = await ours(document);
      expect({ document, errors: answer.errors, cacheControl: answer.cacheControl }).toEqual({ document, errors: truth.errors, cacheControl: truth.cacheControl });
    }
  });
});
