import { generatedCorpusBatches } from '../support/generatedCorpusBatches';
import { boundedWalkContract, walkCorpus } from '../contract/boundedWalkContract';
import { embeddedCatalog } from './support/embeddedCatalog';

describe('PostgresCitationGraph on embedded PGlite (generated hub-heavy corpus)', () => {
  const catalog = embeddedCatalog({
    seed: async (stores) => {
      for (const batch of await generatedCorpusBatches(walkCorpus(), 200)) await stores.catalogWriter.upsert(batch);
    },
    timeoutMs: 120_000,
  });

  boundedWalkContract('PostgreSQL on PGlite', () => catalog().citationGraph);
});
