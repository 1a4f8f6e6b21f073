export * from './procurement-case';
export * from './risk-screening';
