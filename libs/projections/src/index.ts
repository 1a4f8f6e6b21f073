export * from './projection';
export * from './projection-runner';
export * from './case-projections';
export * from './read-model-database';
