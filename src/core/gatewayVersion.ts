import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './projectRoot';

let version: string | undefined;

/**
 * The gateway's package version, read once from package.json at run time (importing the JSON would make the
 * compiler copy package.json into dist/).
 */
export function gatewayVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
