export * from './procurement-case';
export * from './risk-screening';
export * from './exclusion';
export * from './abnormally-low-price';
export * from './legal-standstill';
export * from './disclosure';
export * from './monitoring-rebate';
export * from './due-diligence';
