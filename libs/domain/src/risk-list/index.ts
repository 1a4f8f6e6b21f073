export * from './risk-list';
