import { PgPoolExecutor } from '../../datasources/postgres/PgPoolExecutor';
import { bylineMigrationSuite } from '../support/bylineMigrationSuite';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';

describeStore('postgres', 'the unattached-byline-names migration on an existing PostgreSQL catalog', () => {
  bylineMigrationSuite(async () => {
    const database = await createThrowawayDatabase('gateway_migrate');
    const db = new PgPoolExecutor(database.url, { max: 2 });
    return {
      db,
      dispose: async () => {
        await db.close();
        await database.drop();
      },
    };
  });
});
