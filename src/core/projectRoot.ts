import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The gateway's root folder — the one holding package.json and schema/ — whether running from src/ with tsx, from
 * dist/ after `npm run build`, or from the image's /app (Dockerfile). Both markers are required: a package.json
 * alone may also sit in a build folder.
 */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  while (!(existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'schema')))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no folder with package.json and schema/ above ${start}`);
    dir = parent;
  }
  return dir;
}
