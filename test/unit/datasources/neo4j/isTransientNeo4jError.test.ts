import { Neo4jError, error as neo4jError } from 'neo4j-driver';
import { isTransientNeo4jError } from '../../../../datasources/neo4j/isTransientNeo4jError';

const driverError = (code: string, message = 'boom') => new Neo4jError(message, code, '50N42', 'error');

describe('isTransientNeo4jError', () => {
  it.each([
    ['ServiceUnavailable', neo4jError.SERVICE_UNAVAILABLE],
    ['SessionExpired', neo4jError.SESSION_EXPIRED],
    ['a deadlock', 'Neo.TransientError.Transaction.DeadlockDetected'],
    ['memory pressure', 'Neo.TransientError.General.MemoryPoolOutOfMemoryError'],
  ])('retries %s', (_name, code) => {
    expect(isTransientNeo4jError(driverError(code))).toBe(true);
  });

  it.each([
    ['a syntax error', 'Neo.ClientError.Statement.SyntaxError'],
    ['a constraint violation', 'Neo.ClientError.Schema.ConstraintValidationFailed'],
    ['a bad parameter type', 'Neo.ClientError.Statement.TypeError'],
    ['a database error', 'Neo.DatabaseError.General.UnknownError'],
  ])('does not retry %s', (_name, code) => {
    expect(isTransientNeo4jError(driverError(code))).toBe(false);
  });

  it('retries socket failures, also when wrapped as a cause', () => {
    expect(isTransientNeo4jError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7687'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientNeo4jError(new Error('wrapped', { cause: driverError(neo4jError.SERVICE_UNAVAILABLE) }))).toBe(true);
    expect(isTransientNeo4jError(new Error('Failed to connect to server. Please ensure that your database is listening'))).toBe(true);
  });

  it('does not retry anything else', () => {
    expect(isTransientNeo4jError(new Error('unexpected'))).toBe(false);
    expect(isTransientNeo4jError(new TypeError('x is undefined'))).toBe(false);
    expect(isTransientNeo4jError(null)).toBe(false);
    expect(isTransientNeo4jError('ServiceUnavailable')).toBe(false);
  });
});
