export * from './signing';
export * from './chain-heads';
export * from './stream-analysis';
export * from './verify';
export * from './replay';
export * from './export';
export * from './ocds-validation';
export * from './ocds-extensions';
// Kept only until libs/projections/src/work-read-models.int.spec.ts imports it from @pj/audit/testing.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- that spec's owner changes it
export { createScratchDatabase } from './testing/scratch-database';
