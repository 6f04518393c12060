import { randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { storeEndpoints } from '../../support/storeEndpoints';
import { describeStore } from '../support/describeStore';

describeStore('elasticsearch', 'smoke', () => {
  let client: Client;
  const index = `smoke-${randomUUID()}`;
  beforeAll(() => {
    client = new Client({ node: storeEndpoints.elasticsearch });
  });
  afterAll(async () => {
    await client.indices.delete({ index, ignore_unavailable: true });
    await client.close();
  });

  it('indexes a document and finds it by a word of its title', async () => {
    await client.indices.create({ index, mappings: { properties: { title: { type: 'text' }, year: { type: 'integer' } } } });
    await client.index({ index, id: 'W1', document: { title: 'Altmetrics and open access', year: 2019 }, refresh: true });
    const res = await client.search<{ title: string; year: number }>({ index, query: { match: { title: 'altmetrics' } } });
    expect(res.hits.hits.map((h) => [h._id, h._source?.year])).toEqual([['W1', 2019]]);
  });
});
