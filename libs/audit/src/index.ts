export * from './signing';
export * from './chain-heads';
export * from './stream-analysis';
export * from './verify';
export * from './replay';
export * from './export';
export * from './ocds-extensions';
