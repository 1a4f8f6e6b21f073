export * from './projection';
export * from './projection-runner';
export * from './case-projections';
export * from './escalation-projection';
export * from './registry-projection';
export * from './grievance-projection';
export * from './inbox-projection';
export * from './read-model-database';
