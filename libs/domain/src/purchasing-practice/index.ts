export * from './purchasing-practice-review';
export * from './rule-codes';
