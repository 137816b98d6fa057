// Jest for the Lightning web components in force-app/ (npm run test:lwc), with the configuration
// @salesforce/sfdx-lwc-jest provides (LWC compiler, lightning-* and lightning/* stubs).
// A .cjs file because package.json has "type": "module" and Jest 29 loads its config with require.
// Only force-app/**/__tests__ is searched: test/ holds the browser and Node tests of the library.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  roots: ['<rootDir>/force-app'],
  testMatch: ['**/lwc/**/__tests__/**/*.test.js'],
  // Coverage, if asked for, goes to the OS temp dir: never into the tree.
  coverageDirectory: require('node:path').join(require('node:os').tmpdir(), 'softphone-bridge-lwc-coverage'),
};
