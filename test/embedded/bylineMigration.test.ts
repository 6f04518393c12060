import { PgliteExecutor } from '../../datasources/postgres/PgliteExecutor';
import { bylineMigrationSuite } from '../support/bylineMigrationSuite';

describe('the unattached-byline-names migration on an existing PGlite catalog', () => {
  bylineMigrationSuite(async () => {
    const db = await PgliteExecutor.open('memory://');
    return { db, dispose: () => db.close() };
  });
});
