import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { neo4jAuth, storeEndpoints } from '../../support/storeEndpoints';
import { describeStore } from '../support/describeStore';

describeStore('neo4j', 'smoke', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password));
  });
  afterAll(() => driver.close());

  it('writes a citation edge and reads it back', async () => {
    const run = randomUUID();
    await driver.executeQuery('CREATE (:Smoke {run: $run, id: "W1"})-[:CITES]->(:Smoke {run: $run, id: "W2"})', { run });
    const { records } = await driver.executeQuery(
      'MATCH (a:Smoke {run: $run})-[:CITES]->(b:Smoke {run: $run}) RETURN a.id AS citing, b.id AS cited',
      { run },
    );
    expect(records.map((r) => [r.get('citing'), r.get('cited')])).toEqual([['W1', 'W2']]);
    await driver.executeQuery('MATCH (n:Smoke {run: $run}) DETACH DELETE n', { run });
  });
});
