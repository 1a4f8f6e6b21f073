export * from './grievance';
export * from './rule-codes';
