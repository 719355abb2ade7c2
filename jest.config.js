/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 30000,
  // Every core: jest's default (cores - 1) runs one worker on CI's two cores. Measured on the 2-core
  // machine: the whole suite in 214 s with one worker, 150 s with two (issue 13: npm test < 4 min).
  maxWorkers: '100%',
};
