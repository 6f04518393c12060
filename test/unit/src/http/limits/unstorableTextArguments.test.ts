import { getVariableValues, type OperationDefinitionNode, parse } from 'graphql';
import { unstorableTextArguments } from '../../../../../src/http/limits/unstorableTextArguments';
import { buildSchema } from '../../../../../src/schema';

const schema = buildSchema();

/** The problems of `query` with `variables` (coerced as execution would, defaults applied). */
function problems(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return unstorableTextArguments(schema, document, operation, coerced.coerced);
}

const fields = (query: string, variables?: Record<string, unknown>) => problems(query, variables).map((p) => p.field);

describe('unstorableTextArguments', () => {
  it('finds nothing in clean arguments, emoji, control and private-use characters included', () => {
    expect(problems('{ works(filter: { doi: "10.1234/a😀b", type: ["x\\u0001", "\\uE000"] }) { totalCount } }')).toEqual([]);
    expect(problems('query($f: WorkFilter) { works(filter: $f) { totalCount } }', { f: { doi: '10.1/😀' } })).toEqual([]);
  });

  it('names the argument path and the field of a NUL in a literal', () => {
    expect(problems('{ works(filter: { doi: "10.1234/a\\u0000b" }) { totalCount } }')).toEqual([
      { field: 'filter.doi', message: 'holds a NUL character (U+0000) at position 9, which no store can hold (argument of Query.works)' },
    ]);
    expect(fields('{ authors(filter: { nameContains: "a\\u0000" }) { totalCount } }')).toEqual(['filter.nameContains']);
    expect(fields('{ works(filter: { type: ["article", "a\\u0000"] }) { totalCount } }')).toEqual(['filter.type[1]']);
  });

  it('reads variables at any depth, whole inputs and list items alike', () => {
    expect(fields('query($f: WorkFilter) { works(filter: $f) { totalCount } }', { f: { and: [{ or: [{ type: ['ok', 'x\u0000'] }] }] } })).toEqual(['filter.and[0].or[0].type[1]']);
    expect(fields('query($d: String) { works(filter: { doi: $d }) { totalCount } }', { d: '10.1/\u0000' })).toEqual(['filter.doi']);
    expect(fields('query($t: [String!]) { works(filter: { type: $t }) { totalCount } }', { t: ['a', '\uDC00'] })).toEqual(['filter.type[1]']);
    const create = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id } } }';
    const input = { title: 'x\uD800', publicationDate: '2024-01-01', doi: '10.1/\u0000', newAuthors: [{ displayName: 'ok' }, { displayName: 'A\u0000' }] };
    expect(fields(create, { input })).toEqual(['input.title', 'input.doi', 'input.newAuthors[1].displayName']);
    expect(problems(create, { input })[0]?.message).toMatch(/unpaired surrogate \(U\+D800\) at position 1, .*Mutation\.createArticle/);
  });

  it('reads the defaults of variables the request leaves out', () => {
    expect(fields('query($d: String = "a\\u0000") { works(filter: { doi: $d }) { totalCount } }')).toEqual(['filter.doi']);
  });

  it('checks nested fields, fragments and search arguments', () => {
    expect(problems('{ work(id: "W1") { citedBy(after: "x\\u0000") { totalCount } } }')[0]?.message).toMatch(/Work\.citedBy/);
    expect(fields('query { ...F } fragment F on Query { searchWorks(query: "h\\u0000", filter: { doi: "10.1/\\u0000" }) { totalCount } }')).toEqual(['query', 'filter.doi']);
    expect(fields('{ work(id: "W\\u0000") { id } }')).toEqual(['id']);
  });

  it('skips an argument that does not coerce (execution refuses it) and reports at most ten problems', () => {
    expect(problems('query($n: Int) { works(first: $n) { totalCount } }', { n: null })).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `"t${i}\\u0000"`).join(' ');
    expect(problems(`{ works(filter: { type: [${many}] }) { totalCount } }`)).toHaveLength(10);
  });
});
