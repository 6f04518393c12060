import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { seedSampleIfEmpty } from '../../src/seed/seedSampleIfEmpty';
import { openStores } from '../../src/stores';

describe('embedded PGlite under DATA_DIR', () => {
  it('creates a missing nested DATA_DIR, seeds it once, and keeps the data across restarts', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'pglite-'));
    const dataDir = path.join(parent, 'not', 'yet', 'there');
    const config = loadConfig({ DATA_DIR: dataDir });
    const logger = createLogger('silent');
    try {
      const first = await openStores(config, logger);
      await seedSampleIfEmpty(config.postgres.seed, first, logger);
      const seeded = await first.catalogWriter.countWorks();
      expect(seeded).toBeGreaterThan(200);
      await first.close();

      const second = await openStores(config, logger);
      expect(await second.catalogWriter.countWorks()).toBe(seeded);
      await second.close();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
