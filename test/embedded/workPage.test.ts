import { startTestGateway, type TestGateway } from '../support/testGateway';
import { workPageSuite } from '../support/workPageSuite';

describe('work page data and citation subgraphs on the embedded profile (PGlite, shipped sample)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  workPageSuite(() => gateway);
});
