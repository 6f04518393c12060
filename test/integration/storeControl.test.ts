import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { acquireStoreLock } from './support/exclusiveStore';
import { describeControlledStore, startStore, stopStore, storeAcceptsConnections } from './support/storeControl';

const STOP_TIMEOUT_MS = 20_000;
const START_TIMEOUT_MS = 70_000;
// Other files hold the lock while they rebuild the graph. The wait must end before its hook's timeout:
// an acquisition still pending after the hook gave up would take the lock later and never release it.
const LOCK_TIMEOUT_MS = 180_000;

function openDriver(): Driver {
  // A short connection timeout: while the store is down, a connection attempt must fail fast, not hang.
  return neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password), {
    connectionTimeout: 3000,
    maxTransactionRetryTime: 0,
  });
}

describeControlledStore('neo4j', 'stopped and restarted through scripts/services', () => {
  let release: (() => void) | undefined;
  let stopped = false;

  // Exclusive: other test files use this Neo4j, and this one takes it away for a few seconds.
  beforeAll(async () => {
    release = await acquireStoreLock('neo4j', LOCK_TIMEOUT_MS);
  }, LOCK_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    try {
      // Whatever happened above, leave Neo4j running for the tests that come after.
      if (stopped) await startStore('neo4j', { timeoutMs: 120_000 });
    } finally {
      release?.();
    }
  }, 130_000);

  it('keeps a node written before the stop, and refuses connections while down', async () => {
    const run = randomUUID();
    let driver = openDriver();
    try {
      await driver.executeQuery('CREATE (:StoreControlProbe {run: $run, title: "written before the stop"})', { run });
    } finally {
      await driver.close();
    }

    stopped = true;
    await stopStore('neo4j', { timeoutMs: STOP_TIMEOUT_MS });
    expect(await storeAcceptsConnections('neo4j')).toBe(false);
    driver = openDriver();
    try {
      await expect(driver.verifyConnectivity()).rejects.toThrow();
    } finally {
      await driver.close();
    }

    const { readyAfterMs } = await startStore('neo4j', { timeoutMs: START_TIMEOUT_MS });
    stopped = false;
    process.stderr.write(`neo4j answered again ${readyAfterMs} ms after scripts/services up\n`);

    driver = openDriver();
    try {
      const { records } = await driver.executeQuery('MATCH (n:StoreControlProbe {run: $run}) RETURN n.title AS title', { run });
      expect(records.map((r) => r.get('title'))).toEqual(['written before the stop']);
      await driver.executeQuery('MATCH (n:StoreControlProbe {run: $run}) DETACH DELETE n', { run });
    } finally {
      await driver.close();
    }
  }, 100_000);
});
