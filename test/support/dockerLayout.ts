import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What the Dockerfile's final stage puts in the image and how it starts the gateway. */
export interface ImageSpec {
  readonly workdir: string;
  /** `COPY --from=build /app/<from> <to>`, in order. */
  readonly copies: readonly { readonly from: string; readonly to: string }[];
  readonly env: Readonly<Record<string, string>>;
  readonly cmd: readonly string[];
}

/** Reads the final stage of the Dockerfile: its WORKDIR, COPY --from=build lines, ENV and CMD (exec form). */
export function readImageSpec(dockerfile: string): ImageSpec {
  const lines = readFileSync(dockerfile, 'utf8').split('\n').map((l) => l.trim());
  const lastFrom = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  const stage = lines.slice(lastFrom + 1).filter((l) => l !== '' && !l.startsWith('#'));
  let workdir = '/';
  const copies: { from: string; to: string }[] = [];
  const env: Record<string, string> = {};
  let cmd: string[] | undefined;
  for (const line of stage) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    switch (instruction.toUpperCase()) {
      case 'WORKDIR':
        workdir = args;
        break;
      case 'COPY': {
        const match = /^--from=build\s+(\S+)\s+(\S+)$/.exec(args);
        if (!match) throw new Error(`Dockerfile: a COPY the layout test does not understand: ${line}`);
        copies.push({ from: match[1] as string, to: match[2] as string });
        break;
      }
      case 'ENV':
        for (const pair of args.split(/\s+/)) {
          const [name, ...value] = pair.split('=');
          if (name) env[name] = value.join('=');
        }
        break;
      case 'CMD':
        cmd = JSON.parse(args) as string[];
        break;
      default:
        // USER, EXPOSE, … change nothing on disk.
        break;
    }
  }
  if (!cmd) throw new Error('Dockerfile: the final stage has no CMD in exec form');
  return { workdir, copies, env, cmd };
}

/** A folder laid out exactly as the image's WORKDIR, and how to remove it. */
export interface DockerLayout {
  readonly dir: string;
  readonly spec: ImageSpec;
  remove(): void;
}

/**
 * Builds the gateway as the Dockerfile's build stage does (`npm run build`, i.e. tsc with tsconfig.build.json;
 * `npm prune --omit=dev`) into a temporary build folder, then copies into a fresh folder only what the final stage
 * copies, to the same places relative to its WORKDIR. node_modules is hard-linked from the repository's and pruned
 * offline, so a runtime dependency listed as a devDependency is missing here as it would be in the image.
 */
export function buildDockerLayout(root: string): DockerLayout {
  const spec = readImageSpec(path.join(root, 'Dockerfile'));
  const top = mkdtempSync(path.join(tmpdir(), 'gateway-image-'));
  const build = path.join(top, 'build');
  const app = path.join(top, 'app');
  mkdirSync(build);
  mkdirSync(app);
  const node = process.execPath;
  execFileSync(node, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', path.join(build, 'dist')], {
    cwd: root,
    stdio: 'pipe',
  });
  for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(root, file), path.join(build, file));
  execFileSync('cp', ['-al', realpathSync(path.join(root, 'node_modules')), path.join(build, 'node_modules')]);
  execFileSync('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: build, stdio: 'pipe' });
  const built = new Set(['dist', 'node_modules']);
  for (const { from, to } of spec.copies) {
    const relative = path.relative('/app', from);
    const source = built.has(relative) ? path.join(build, relative) : path.join(root, relative);
    if (!existsSync(source)) throw new Error(`Dockerfile copies ${from}, which the build does not produce`);
    // Docker: a destination ending in "/" is a folder the source goes into.
    const target = to.endsWith('/') ? path.join(path.resolve(app, to), path.basename(from)) : path.resolve(app, to);
    mkdirSync(path.dirname(target), { recursive: true });
    if (built.has(relative)) renameSync(source, target);
    else cpSync(source, target, { recursive: true });
  }
  return { dir: app, spec, remove: () => rmSync(top, { recursive: true, force: true }) };
}
