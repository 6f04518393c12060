import { readApiSuite } from '../support/readApiSuite';
import { startTestGateway, type TestGateway } from '../support/testGateway';

describe('read API on the embedded profile (PGlite + in-process LRU, shipped sample)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  readApiSuite(() => gateway);
});
