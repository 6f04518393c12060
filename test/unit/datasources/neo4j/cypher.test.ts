import neo4j from 'neo4j-driver';
import {
  afterCursorCypher,
  citedByCypher,
  citingWorkOrder,
  coauthorsCypher,
  REFERENCES_ORDER,
  referencesCypher,
  toNumber,
  walkStepCypher,
} from '../../../../datasources/neo4j/cypher';
import { encodeCursor } from '../../../../datasources/postgres/sql/keyset';
import { workOrder } from '../../../../datasources/postgres/sql/workSql';
import { InvalidCursorError } from '../../../../src/core/errors';

const cursor = (signature: string, values: unknown[]) => Buffer.from(JSON.stringify({ s: signature, v: values })).toString('base64url');

describe('Neo4j keyset paging', () => {
  it('binds cursor values as parameters, integers as Neo4j integers, never in the text', () => {
    const order = citingWorkOrder(['CITED_BY_COUNT_DESC']);
    const params: Record<string, unknown> = {};
    const text = afterCursorCypher(order, encodeCursor(order, { _k0: 42, _k1: "W1' OR true //" }), params);
    expect(text).toBe('((c.citedByCount < $after0) OR (c.citedByCount = $after0 AND c.id > $after1))');
    expect(neo4j.isInt(params['after0'])).toBe(true);
    expect(toNumber(params['after0'])).toBe(42);
    expect(params['after1']).toBe("W1' OR true //");
    expect(afterCursorCypher(order, undefined, params)).toBe('true');
  });

  it('uses the same cursor signatures as PostgreSQL, so a cursor means the same on both backends', () => {
    for (const sort of [[], ['CITED_BY_COUNT_DESC'], ['TITLE_ASC', 'PUBLICATION_DATE_DESC', 'TITLE_ASC']] as const) {
      expect(citingWorkOrder(sort).signature).toBe(workOrder(sort).signature);
      expect(citingWorkOrder(sort).keys.map((k) => [k.desc, k.cast])).toEqual(workOrder(sort).keys.map((k) => [k.desc, k.cast]));
    }
  });

  it('rejects a cursor of another order, a malformed one, or one whose values have the wrong type', () => {
    const order = citingWorkOrder(['CITED_BY_COUNT_DESC']);
    const reject = (after: string) => expect(() => afterCursorCypher(order, after, {})).toThrow(InvalidCursorError);
    reject(cursor('work:TITLE_ASC', ['a', 'W1']));
    reject('not a cursor');
    reject(cursor('work:CITED_BY_COUNT_DESC', ['42', 'W1']));
    reject(cursor('work:CITED_BY_COUNT_DESC', [1.5, 'W1']));
    reject(cursor('work:CITED_BY_COUNT_DESC', [42, 7]));
    expect(() => afterCursorCypher(REFERENCES_ORDER, cursor('references', [3]), {})).not.toThrow();
  });

  it('refuses, before anything is bound, integers Neo4j would take but PostgreSQL integer columns never hold, and unstorable text', () => {
    const order = citingWorkOrder(['TITLE_ASC']);
    expect(() => afterCursorCypher(citingWorkOrder(['CITED_BY_COUNT_DESC']), cursor('work:CITED_BY_COUNT_DESC', [2147483648, 'W1']), {})).toThrow(/32-bit integer/);
    expect(() => afterCursorCypher(REFERENCES_ORDER, cursor('references', [-2147483649]), {})).toThrow(/32-bit integer/);
    expect(() => afterCursorCypher(order, cursor('work:TITLE_ASC', ['a\u0000', 'W1']), {})).toThrow(/NUL/);
    expect(() => afterCursorCypher(order, cursor('work:TITLE_ASC', ['a', 'W1\uD800']), {})).toThrow(/unpaired surrogate/);
  });

  it('puts only code constants into query texts', () => {
    for (const text of [citedByCypher(citingWorkOrder(['TITLE_DESC']), 'true'), referencesCypher('true'), coauthorsCypher('true')]) {
      expect(text).toMatch(/UNWIND \$ids AS/);
      expect(text).not.toMatch(/W\d/);
    }
  });

  it('has two fixed walk steps per direction, first and next, with no depth in them', () => {
    expect(walkStepCypher('CITED_BY', 'next')).toContain('(p:Work {id: pid})<-[:CITES]-(n)');
    expect(walkStepCypher('CITED_BY', 'first')).toContain('(p:Work {id: $start})<-[:CITES]-(n)');
    expect(walkStepCypher('REFERENCES', 'next')).toContain('(p:Work {id: pid})-[:CITES]->(n:Work)');
    expect(walkStepCypher('REFERENCES', 'first')).toContain('(p:Work {id: $start})-[:CITES]->(n:Work)');
    for (const direction of ['CITED_BY', 'REFERENCES'] as const) {
      for (const step of ['first', 'next'] as const) expect(walkStepCypher(direction, step)).not.toMatch(/\*|\$depth/);
      expect(walkStepCypher(direction, 'next')).toContain('NOT n.id IN $visited');
      expect(walkStepCypher(direction, 'next')).toContain('min(pid) AS pred');
      // The start is never its own neighbour, even when it cites itself.
      expect(walkStepCypher(direction, 'first')).toContain('n <> p');
    }
    // Only a referenced work may be a stub; a citing work is always loaded.
    expect(walkStepCypher('REFERENCES', 'next')).toContain('n.loaded');
    expect(walkStepCypher('CITED_BY', 'next')).not.toContain('n.loaded');
  });

  it('converts Neo4j integers to numbers', () => {
    expect(toNumber(neo4j.int(7))).toBe(7);
    expect(toNumber(7)).toBe(7);
    expect(toNumber(BigInt(9))).toBe(9);
    expect(() => toNumber('7')).toThrow(TypeError);
  });
});
