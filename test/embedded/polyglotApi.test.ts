import { polyglotApiSuite } from '../support/polyglotApiSuite';
import { startTestGateway, type TestGateway } from '../support/testGateway';

describe('citations, trends and search on the embedded profile (all from PGlite)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  polyglotApiSuite(() => gateway);
});
