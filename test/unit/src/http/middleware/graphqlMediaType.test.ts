import { negotiateGraphqlMediaType } from '../../../../../src/http/middleware/graphqlMediaType';

describe('negotiateGraphqlMediaType', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['application/json', 'application/json'],
    ['application/graphql-response+json', 'application/graphql-response+json'],
    ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json'],
    ['application/json, application/graphql-response+json', 'application/json'],
    ['application/graphql-response+json, application/json', 'application/graphql-response+json'],
    ['application/*', 'application/json'],
    ['text/html', undefined],
  ])('Accept %j → %j', (accept, expected) => {
    expect(negotiateGraphqlMediaType(accept)).toBe(expected);
  });
});
