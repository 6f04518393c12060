import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { openElasticsearch, type ElasticsearchStores } from '../../../datasources/elasticsearch/openElasticsearch';
import { createLogger } from '../../../src/core/logger';
import { sampleBatches } from '../../support/sampleBatches';
import { storeEndpoints } from '../../support/storeEndpoints';
import { deleteIndexFamily } from './elasticIndexFamily';

/** What a suite on its own Elasticsearch index sees once its `beforeAll` has run. */
export interface ElasticIndexSuite {
  /** The configured index name (an alias over its generations). */
  readonly index: string;
  /** The gateway's Elasticsearch stores on `index`. */
  readonly es: ElasticsearchStores;
  /** A client of the test's own, for checks that never go through the code under test. */
  readonly admin: Client;
}

export interface ElasticIndexOptions {
  /** The index name's prefix, before a random suffix (default `works_it`). */
  readonly prefix?: string;
  /**
   * The shipped sample is applied once per size, in batches of that many records, in this order, then the index is
   * refreshed (default `[40]`); `[]` leaves the index empty and unrefreshed.
   */
  readonly sampleBatchSizes?: readonly number[];
  /** `ensureSchema` is run twice before the sample is applied (the second run must change nothing). */
  readonly ensureSchemaTwice?: boolean;
}

/**
 * Registers `beforeAll`/`afterAll` for an Elasticsearch index family of the suite's own (a random name): schema ensured,
 * the sample applied as `options` says; every index of the family deleted afterwards. Call it inside a
 * `describeStore('elasticsearch', …)`; the getter is valid in its tests.
 */
export function throwawayElasticIndex(options: ElasticIndexOptions = {}): () => ElasticIndexSuite {
  const index = `${options.prefix ?? 'works_it'}_${randomBytes(6).toString('hex')}`;
  let es: ElasticsearchStores | undefined;
  let admin: Client | undefined;

  beforeAll(async () => {
    admin = new Client({ node: storeEndpoints.elasticsearch });
    es = openElasticsearch({ url: storeEndpoints.elasticsearch }, createLogger('silent'), { index });
    await es.projection.ensureSchema();
    if (options.ensureSchemaTwice) await es.projection.ensureSchema();
    const sizes = options.sampleBatchSizes ?? [40];
    for (const size of sizes) for (const batch of await sampleBatches(size)) await es.projection.apply(batch);
    if (sizes.length > 0) await es.projection.refresh();
  });
  afterAll(async () => {
    if (admin) await deleteIndexFamily(admin, index);
    await admin?.close();
    await es?.close();
  });

  return () => {
    if (!es || !admin) throw new Error('throwawayElasticIndex: used before its beforeAll ran');
    return { index, es, admin };
  };
}
