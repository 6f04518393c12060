import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { documentLimitRules } from '../../../../../src/http/limits/documentLimitRules';
import { RequestLimitError } from '../../../../../src/http/limits/RequestLimitError';

const schema = buildSchema(`
  type Query { node: Node version: String }
  type Node { child: Node name: String }
`);
const rules = documentLimitRules({ maxDepth: 3, maxAliases: 2, maxDirectives: 2 });

function refusals(query: string) {
  return validate(schema, parse(query), [...specifiedRules, ...rules]).map((e) => ({
    typed: e instanceof RequestLimitError,
    message: e.message,
    extensions: e.extensions,
  }));
}

describe('documentLimitRules', () => {
  it('accepts an operation within every limit', () => {
    expect(refusals('{ a: version b: version node { child { name @include(if: true) } } }')).toEqual([]);
  });

  it('refuses nesting deeper than maxDepth: QUERY_TOO_DEEP, counting fragments where they are spread', () => {
    expect(refusals('{ node { child { child { name } } } }')).toEqual([
      { typed: true, message: 'Query depth limit of 3 exceeded, found 4.', extensions: { code: 'QUERY_TOO_DEEP', limit: 3, actual: 4 } },
    ]);
    expect(refusals('{ node { ...F } } fragment F on Node { child { child { name } } }')[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP' });
  });

  it('refuses more aliases than maxAliases: TOO_MANY_ALIASES', () => {
    expect(refusals('{ a: version b: version c: version }')).toEqual([
      { typed: true, message: 'Aliases limit of 2 exceeded, found 3.', extensions: { code: 'TOO_MANY_ALIASES', limit: 2, actual: 3 } },
    ]);
  });

  it('refuses more directives than maxDirectives: TOO_MANY_DIRECTIVES', () => {
    expect(refusals('{ version @skip(if: false) node @skip(if: false) { name @skip(if: false) } }')).toEqual([
      { typed: true, message: 'Directives limit of 2 exceeded, found 3.', extensions: { code: 'TOO_MANY_DIRECTIVES', limit: 2, actual: 3 } },
    ]);
  });

  it('does not count introspection towards the depth', () => {
    expect(refusals('{ __schema { types { fields { type { name } } } } }')).toEqual([]);
  });
});
