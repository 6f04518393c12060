import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Shorter secrets are never used: an HMAC key must not be guessable (an empty file would mean an empty key). */
const MIN_LENGTH = 32;

/**
 * The development signing secret at `file`, created (random, 256 bits, mode 0600) when missing and replaced
 * when it holds fewer than 32 characters. `npm start` and `npm run token` read the same file, so a token printed
 * by one is accepted by the other; production never uses it (see config.ts).
 */
export function readOrCreateDevSecret(file: string): string {
  const existing = readSecret(file);
  if (existing !== undefined && existing.length >= MIN_LENGTH) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  if (existing !== undefined) {
    // Too short (empty, truncated): replace it.
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
  try {
    // `wx`: if another process created it meanwhile, keep theirs (when it is long enough).
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const theirs = readSecret(file);
    if (theirs === undefined || theirs.length < MIN_LENGTH) throw new Error(`the development secret file ${file} holds no usable secret; delete it`);
    return theirs;
  }
}

function readSecret(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
