export * from './cooperative-contract';
export * from './rule-codes';
