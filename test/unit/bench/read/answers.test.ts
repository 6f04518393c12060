import { type Answer, assertAnswers, canonical, firstDifference } from '../../../../bench/read/answers';

const answer = (data: unknown): Answer => ({ status: 200, contentType: 'application/json', body: Buffer.from(JSON.stringify({ data })) });

describe('the read benchmark’s answer check', () => {
  it('maps PostGraphile’s names, sorts keys and reads a lone-nodes connection as its list', () => {
    const peer = { allWorks: { nodes: [{ title: 'T', rowId: 'W1', authorshipsByWorkId: { nodes: [{ authorByAuthorId: null }] } }] } };
    const renames = { allWorks: 'works', rowId: 'id', authorshipsByWorkId: 'authorships', authorByAuthorId: 'author' };
    const expected = { works: { nodes: [{ id: 'W1', title: 'T', authorships: [{ author: null }] }] } };
    expect(() => assertAnswers('PostGraphile', 'Q1', answer(peer), expected, renames)).not.toThrow();
  });

  it('keeps a connection with more than nodes as an object', () => {
    expect(canonical({ works: { totalCount: 2, nodes: [1, 2] } })).toEqual({ works: { nodes: [1, 2], totalCount: 2 } });
  });

  it('names the first difference: a value, an order, a length', () => {
    expect(firstDifference(canonical({ a: [1, 2] }), canonical({ a: [2, 1] }))).toBe('data.a[0]: 1 vs 2');
    expect(firstDifference(canonical({ a: [1] }), canonical({ a: [1, 2] }))).toBe('data.a: 1 vs 2 items');
    expect(() => assertAnswers('gateway', 'Q2', answer({ work: { citedBy: { totalCount: 3 } } }), { work: { citedBy: { totalCount: 4 } } })).toThrow(
      "gateway answered Q2 wrongly: first difference from the SQL's answer at data.work.citedBy.totalCount: 3 vs 4",
    );
  });
});
