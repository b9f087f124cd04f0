/** Jest in ESM mode (NestJS 12 is ESM-only): ts-jest with useESM, `.js` suffixes stripped, @app aliases mapped. */
export default {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@app/core$': '<rootDir>/libs/core/src/index.ts',
    '^@app/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@app/migrations$': '<rootDir>/migrations/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // A fresh embedded database costs ~5 s to create; a file with its own app needs a margin.
  testTimeout: 60000,
  maxWorkers: 2,
};
