// What tests and benchmarks of the audit trail use (`@pj/audit/testing`): scenarios written through
// the command path, a database of their own, and the OCDS schema validator the export is checked
// with. Production code imports `@pj/audit` only.
export * from './audit-scenario';
export * from './ocds-scenarios';
export * from './scratch-database';
export * from './ocds-validation';
