import { entityApiSuite } from '../support/entityApiSuite';
import { startTestGateway, type TestGateway } from '../support/testGateway';

describe('topics, sources, institutions, external ids and viewer on the embedded profile (PGlite, shipped sample)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  entityApiSuite(() => gateway);
});
