// What tests use (`@pj/temporal-runtime/testing`): the time-skipping test server. Production code
// imports `@pj/temporal-runtime` only.
export * from './test-server';
