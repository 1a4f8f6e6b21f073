export * from './purchasing-practice-review';
