// What tests and benchmarks of the audit trail use (`@pj/audit/testing`): scenarios written through
// the command path and a database of their own. Production code imports `@pj/audit` only.
export * from './audit-scenario';
export * from './ocds-scenarios';
export * from './scratch-database';
