export * from './workflows';
export * from './domain-command';
