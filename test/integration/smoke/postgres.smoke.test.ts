import pg from 'pg';
import { storeEndpoints } from '../../support/storeEndpoints';
import { describeStore } from '../support/describeStore';

describeStore('postgres', 'smoke', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: storeEndpoints.postgres });
    await client.connect();
  });
  afterAll(() => client.end());

  it('writes a row and reads it back', async () => {
    await client.query('CREATE TEMP TABLE smoke (id int PRIMARY KEY, title text NOT NULL)');
    await client.query('INSERT INTO smoke (id, title) VALUES ($1, $2)', [1, 'Über citations']);
    const { rows } = await client.query<{ title: string }>('SELECT title FROM smoke WHERE id = $1', [1]);
    expect(rows).toEqual([{ title: 'Über citations' }]);
  });
});
