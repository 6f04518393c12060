// Run through `node --experimental-vm-modules` (package.json): PGlite loads its WebAssembly with a
// dynamic import(), which jest's module runtime only allows with that flag.
// Tiers (see README "Tests"): unit (no I/O), embedded (in-process PGlite and cache), integration (the real
// stores started by scripts/services), hostile (abusive requests in production mode), faults (stores stopped mid-load).
/** @type {import('jest').Config['transform']} */
// ts-jest transpiles file by file (tsconfig's isolatedModules): fast; type checking is tsc's job (`npm run check`).
const transform = {
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
};
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/{src,resolvers,datasources}/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/unit/forbidNetwork.ts'],
    },
    {
      ...common,
      displayName: 'embedded',
      testMatch: ['<rootDir>/test/embedded/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/longTimeout.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/longTimeout.ts'],
      globalSetup: '<rootDir>/test/integration/support/globalSetup.ts',
    },
    {
      // Hostile traffic against the real HTTP server in production mode (README, "Tests"): typed errors, never a 500.
      ...common,
      displayName: 'hostile',
      testMatch: ['<rootDir>/test/hostile/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/longTimeout.ts'],
    },
    {
      // Fault tests stop and restart real stores: `npm test` runs them after the other tiers, one file at a time.
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/longTimeout.ts'],
      globalSetup: '<rootDir>/test/integration/support/globalSetup.ts',
    },
  ],
};
