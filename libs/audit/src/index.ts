export * from './signing';
export * from './chain-heads';
export * from './stream-analysis';
export * from './verify';
