import neo4j, { Neo4jError } from 'neo4j-driver';
import { isTransientNeo4jError } from '../../../../datasources/neo4j/isTransientNeo4jError';
import { Neo4jCitationGraph } from '../../../../datasources/neo4j/Neo4jCitationGraph';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import { StoreUnavailableError } from '../../../../src/core/errors';
import { FakeNeo4j } from './fakeNeo4j';

/*
 * Every way neo4j-driver 6 reports a server that is unreachable, closing or shutting down, built as the driver
 * builds it: `newError(message, code)` (neo4j-driver-core's error.js, not exported by neo4j-driver) is
 * `new Neo4jError(message, code ?? 'N/A', '50N42', 'error: general processing exception - unexpected error. ' +
 * message)`; a server FAILURE becomes the same with the server's code (after the driver's code
 * standardisation: `Neo.TransientError.Transaction.Terminated` arrives as a ClientError). Messages are the
 * driver's (bolt-connection's node-channel.js, core's pool.js) and the server's (Neo4j 5.26: Status.General,
 * DatabaseShutdownException).
 */
const newError = (message: string, code?: string) => new Neo4jError(message, code ?? 'N/A', '50N42', `error: general processing exception - unexpected error. ${message}`);

const FAILED_TO_CONNECT =
  'Failed to connect to server. Please ensure that your database is listening on the correct host and port and that you have compatible encryption settings both on Neo4j server and driver. Note that the default encryption setting has changed in Neo4j 4.0. Caused by: connect ECONNREFUSED 127.0.0.1:7687';

const unavailable: [string, Neo4jError][] = [
  ['a refused connection', newError(FAILED_TO_CONNECT, neo4j.error.SERVICE_UNAVAILABLE)],
  ['a connect that timed out', newError('Failed to establish connection in 5000ms', neo4j.error.SERVICE_UNAVAILABLE)],
  ['a connection the server closed mid-query', newError('Connection was closed by server', neo4j.error.SERVICE_UNAVAILABLE)],
  ['a server that stopped answering', newError("Connection lost. Server didn't respond in 30000ms", neo4j.error.SERVICE_UNAVAILABLE)],
  ['an expired session', newError('No longer possible to write to server at 127.0.0.1:7687', neo4j.error.SESSION_EXPIRED)],
  ['a database that is shut down', newError('This database is shutdown.', 'Neo.TransientError.General.DatabaseUnavailable')],
  ['a database not yet available', newError("Database 'neo4j' is unavailable.", 'Neo.TransientError.General.DatabaseUnavailable')],
  ['a pool with no free connection in time', newError('Connection acquisition timed out in 60000 ms. Pool status: Active conn count = 100, Idle conn count = 0.')],
];

const deterministic: [string, Neo4jError][] = [
  ['a syntax error', newError('Invalid input \'MATC\'', 'Neo.ClientError.Statement.SyntaxError')],
  ['a constraint violation', newError('Node(1) already exists with label `Work` and property `id`', 'Neo.ClientError.Schema.ConstraintValidationFailed')],
  ['a parameter of the wrong type', newError('Expected a list', 'Neo.ClientError.Statement.TypeError')],
  ['a missing database', newError('Database does not exist. Database name: \'nope\'.', 'Neo.ClientError.Database.DatabaseNotFound')],
  ['a transaction terminated by an administrator', newError('The transaction has been terminated.', 'Neo.ClientError.Transaction.Terminated')],
  ['a driver the gateway closed', newError('Pool is closed, it is no more able to serve requests.')],
];

const graphFailingWith = (err: Error, maxAttempts: number) => {
  let calls = 0;
  const fake = new FakeNeo4j(() => {
    calls++;
    throw err;
  });
  const graph = new Neo4jCitationGraph(fake.client, new StorePolicy('neo4j', isTransientNeo4jError, { maxAttempts, initialBackoffMs: 1 }));
  return { graph, calls: () => calls };
};

describe('neo4j-driver failures of a server that is going away are unavailability', () => {
  it.each(unavailable)('%s', async (_mode, err) => {
    expect(isTransientNeo4jError(err)).toBe(true);
    const { graph } = graphFailingWith(err, 1);
    const viaPolicy = await graph.countCitedBy(['W1']).catch((e: unknown) => e);
    expect(viaPolicy).toBeInstanceOf(StoreUnavailableError);
    expect(viaPolicy).toMatchObject({ store: 'neo4j', extensions: { code: 'UPSTREAM_UNAVAILABLE', store: 'neo4j' } });
  });

  it('agrees with the driver’s own retry rule for every server code listed', () => {
    for (const [, err] of [...unavailable, ...deterministic]) {
      if (err.code !== 'N/A') expect(isTransientNeo4jError(err)).toBe(neo4j.isRetryableError(err));
    }
  });
});

describe('neo4j errors that are the caller’s fault stay what they are', () => {
  it.each(deterministic)('%s passes through the policy unchanged, not retried', async (_mode, err) => {
    expect(isTransientNeo4jError(err)).toBe(false);
    const { graph, calls } = graphFailingWith(err, 3);
    await expect(graph.countCitedBy(['W1'])).rejects.toBe(err);
    expect(calls()).toBe(1);
  });
});
