import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/core/projectRoot';
import { expectCleanStop, packageVersion, postGraphql } from '../support/compiledGatewayChecks';
import { buildDockerLayout, type DockerLayout } from '../support/dockerLayout';
import { type GatewayProcess, spawnGateway } from '../support/gatewayProcess';
import { sampleGroundTruth } from '../support/sampleGroundTruth';

// tsc builds the gateway (twice: README's commands in a copy of the repository, and the image's layout).
jest.setTimeout(300_000);

const ROOT = projectRoot(__dirname);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Answer {
  data?: { gateway: { version: string }; works: { totalCount: number; nodes: { id: string }[] } };
  errors?: { extensions: { code: string } }[];
}

const QUERY = '{ gateway { version } works(first: 3) { totalCount nodes { id } } }';

/** The files git tracks, copied into a fresh folder (a clean clone without .git), with the installed node_modules linked in. */
function copyOfRepository(): { dir: string; remove: () => void } {
  const top = mkdtempSync(path.join(tmpdir(), 'gateway-clone-'));
  const dir = path.join(top, 'repo');
  // Tracked files and new ones not ignored (regular files only: a symlinked node_modules is not source).
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && existsSync(path.join(ROOT, file)) && lstatSync(path.join(ROOT, file)).isFile());
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  symlinkSync(path.join(ROOT, '.tools'), path.join(dir, '.tools'));
  return { dir, remove: () => rmSync(top, { recursive: true, force: true }) };
}

async function expectServesTheSample(gateway: GatewayProcess): Promise<void> {
  const health = await fetch(`${gateway.base}/health`);
  expect(health.status).toBe(200);
  const { status, body } = await postGraphql<Answer>(gateway, QUERY);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data?.gateway.version).toBe(packageVersion(ROOT));
  expect(body.data?.works.totalCount).toBe(sampleGroundTruth().works.size);
  expect(body.data?.works.nodes).toHaveLength(3);
}

describe('the compiled gateway', () => {
  let gateway: GatewayProcess | undefined;

  afterEach(async () => {
    await gateway?.kill();
    gateway = undefined;
  });

  it('`npm run build && npm run start:prod` (README) starts on the embedded profile, answers and stops on SIGTERM', async () => {
    const clone = copyOfRepository();
    try {
      execFileSync(NPM, ['run', '-s', 'build'], { cwd: clone.dir, stdio: 'pipe' });
      gateway = await spawnGateway(NPM, ['run', '-s', 'start:prod'], { cwd: clone.dir });
      await expectServesTheSample(gateway);
      await expectCleanStop(gateway);
    } finally {
      await gateway?.kill();
      clone.remove();
    }
  });

  describe('from a folder laid out as the Dockerfile copies it', () => {
    let layout: DockerLayout;

    beforeAll(() => {
      layout = buildDockerLayout(ROOT);
    });

    afterAll(() => layout?.remove());

    it('holds only what the image holds', () => {
      expect(layout.spec.cmd[0]).toBe('node');
      expect(layout.spec.env['NODE_ENV']).toBe('production');
      // Development tools are pruned, as `npm prune --omit=dev` does in the build stage.
      expect(() => require.resolve('jest', { paths: [layout.dir] })).toThrow();
      expect(require.resolve('@apollo/server', { paths: [layout.dir] })).toContain(layout.dir);
    });

    it('starts with the image environment (NODE_ENV=production), answers and stops on SIGTERM', async () => {
      gateway = await spawnGateway(process.execPath, layout.spec.cmd.slice(1), { cwd: layout.dir, env: { ...layout.spec.env } });
      await expectServesTheSample(gateway);
      // Production settings took effect: introspection is off.
      const { body } = await postGraphql<Answer>(gateway, '{ __schema { queryType { name } } }');
      expect(body.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      await expectCleanStop(gateway);
    });
  });
});
