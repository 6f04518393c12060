import path from 'node:path';

/** The repository's root: `npm start` and `npm run seed` run from here, as a user runs them. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

/** The load generator's own package folder (bench/tools), never part of the gateway's dependencies. */
export const TOOLS_DIR = path.join(REPOSITORY_ROOT, 'bench', 'tools');

/** The PostGraphile peer's own package folder. */
export const POSTGRAPHILE_DIR = path.join(REPOSITORY_ROOT, 'bench', 'peers', 'postgraphile');
