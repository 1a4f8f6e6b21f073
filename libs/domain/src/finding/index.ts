export * from './finding';
export * from './rule-codes';
