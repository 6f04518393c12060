import { articleMutationSuite } from '../support/articleMutationSuite';
import { startTestGateway, type TestGateway } from '../support/testGateway';

describe('article mutations on the embedded profile (PGlite, in-process cache)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  articleMutationSuite(() => ({ gateway, projectionStores: [] }));
});
