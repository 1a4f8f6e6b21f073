export * from './supply-standstill';
export * from './rule-codes';
