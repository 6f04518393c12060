import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

import { type FileFormat, fileFormatOf } from './fileFormat';

/** The path that names standard input: JSON Lines read from the process's stdin (so a generator can pipe into the seed). */
export const STDIN_PATH = '-';

/** A file to read, its size in bytes on disk (0 for standard input), and its format (undefined: a named file of unknown type). */
export interface InputFile {
  path: string;
  size: number;
  format: FileFormat | undefined;
}

async function collect(dir: string, seenDirs: Set<string>, out: string[]): Promise<void> {
  const real = await realpath(dir);
  if (seenDirs.has(real)) return;
  seenDirs.add(real);
  const names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  for (const name of names) {
    const entry = path.join(dir, name);
    const info = await stat(entry);
    if (info.isDirectory()) await collect(entry, seenDirs, out);
    else if (info.isFile() && fileFormatOf(name) !== undefined) out.push(entry);
  }
}

/**
 * Expands `paths` into the files to read, in order: a file is taken as named (whatever its name); a
 * directory is walked recursively in name order, keeping only files whose name `fileFormatOf` recognises
 * and skipping dot-entries; `-` (STDIN_PATH) is standard input, read as JSON Lines (not gzip), size 0. Each file
 * appears once. Rejects (ENOENT…) if a path cannot be read.
 */
export async function listInputFiles(paths: readonly string[]): Promise<InputFile[]> {
  const found: string[] = [];
  const seenDirs = new Set<string>();
  for (const given of paths) {
    if (given === STDIN_PATH) {
      found.push(given);
      continue;
    }
    const info = await stat(given);
    if (info.isDirectory()) await collect(given, seenDirs, found);
    else found.push(given);
  }
  const seenFiles = new Set<string>();
  const files: InputFile[] = [];
  for (const file of found) {
    if (file === STDIN_PATH) {
      if (!seenFiles.has(STDIN_PATH)) files.push({ path: STDIN_PATH, size: 0, format: { format: 'json-lines', gzip: false } });
      seenFiles.add(STDIN_PATH);
      continue;
    }
    const real = await realpath(file);
    if (seenFiles.has(real)) continue;
    seenFiles.add(real);
    files.push({ path: file, size: (await stat(file)).size, format: fileFormatOf(file) });
  }
  return files;
}
