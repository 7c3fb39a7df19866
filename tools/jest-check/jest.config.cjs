// Jest as an app's CommonJS test set-up has it: jsdom, no transform (the kit's CommonJS build is loaded as published).
module.exports = {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.cjs'],
  transform: {},
};
