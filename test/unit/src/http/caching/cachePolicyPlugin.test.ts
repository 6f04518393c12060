import { ApolloServer, HeaderMap } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { cachePolicyPlugin } from '../../../../../src/http/caching/cachePolicyPlugin';
import { loadTypeDefs } from '../../../../../src/schema';

/** The real SDL (with its @cacheControl hints) over stub resolvers that count their calls. */
function stubServer(maxAgeSeconds: number) {
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
  const server = new ApolloServer({ schema, plugins: [cachePolicyPlugin(maxAgeSeconds)] });
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
