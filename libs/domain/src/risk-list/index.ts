export * from './risk-list';
export * from './risk-list-decider';
export * from './rule-codes';
