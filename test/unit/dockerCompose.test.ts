import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/configVariables';

const root = path.join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test: unknown };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };

  it('sets every variable the gateway reads on the gateway service', () => {
    const env = compose.services['gateway']?.environment ?? {};
    const missing = Object.keys(CONFIG_VARIABLES).filter((name) => !(name in env));
    expect(missing).toEqual([]);
  });

  it('names no variable the gateway does not read', () => {
    const env = compose.services['gateway']?.environment ?? {};
    expect(Object.keys(env).filter((name) => !(name in CONFIG_VARIABLES))).toEqual([]);
  });

  it('runs the five stores from pinned official images, each with a health check and a named volume', () => {
    for (const store of ['postgres', 'redis', 'neo4j', 'influxdb', 'elasticsearch']) {
      const service = compose.services[store];
      expect(service?.image).toMatch(/:\d[\w.-]*$/);
      expect(service?.image).not.toMatch(/:latest$/);
      expect(service?.healthcheck?.test).toBeDefined();
      expect(Object.keys(compose.volumes)).toContain(`${store}-data`);
    }
  });

  it('is the only place besides src/config.ts that knows the variables: no other module reads process.env', () => {
    const readers = ['src', 'resolvers', 'datasources']
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => /process\.env/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(readers).toEqual(['src/config.ts']);
  });
});

describe('README', () => {
  it('documents every configuration variable with its default', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const [name, { default: fallback }] of Object.entries(CONFIG_VARIABLES)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row).toBeDefined();
      expect(row).toContain(fallback);
    }
  });
});
