import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root (the folder holding package.json), whether running from src/ with tsx or from dist/. */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}
