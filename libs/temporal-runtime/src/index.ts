export * from './temporal-cli';
export * from './embedded-temporal';
export * from './connection-options';
