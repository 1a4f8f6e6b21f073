export * from './factory';
export * from './rule-codes';
