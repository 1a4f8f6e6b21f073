export * from './temporal-cli';
export * from './embedded-temporal';
