import { buildSchema as buildSdl, parse, specifiedRules, validate } from 'graphql';
import { KnownOperationTypesRule } from '../../../../../src/http/graphql/knownOperationTypesRule';
import { buildSchema } from '../../../../../src/schema';

describe('KnownOperationTypesRule', () => {
  const schema = buildSchema();
  const errors = (query: string) => validate(schema, parse(query), [...specifiedRules, KnownOperationTypesRule]).map((e) => e.message);

  it('refuses a subscription, which graphql-js 16 alone lets through, saying what the schema serves', () => {
    expect(validate(schema, parse('subscription { gateway { version } }'), specifiedRules)).toEqual([]);
    expect(errors('subscription { gateway { version } }')).toEqual(['The schema has no subscription root type: this gateway serves queries and mutations only.']);
    expect(errors('subscription S { works { totalCount } } query Q { gateway { version } }')).toHaveLength(1);
  });

  it('accepts queries and mutations', () => {
    expect(errors('{ gateway { version } }')).toEqual([]);
    expect(errors('mutation($id: ID!) { deleteArticle(id: $id) { id } }')).toEqual([]);
  });

  it('refuses a mutation where a schema has no Mutation type', () => {
    const queriesOnly = buildSdl('type Query { a: Int }');
    expect(validate(queriesOnly, parse('mutation { a }'), [KnownOperationTypesRule]).map((e) => e.message)).toEqual([
      'The schema has no mutation root type: this gateway serves queries only.',
    ]);
  });
});
