export * from './workflows';
export * from './domain-command';
export * from './award-standstill';
export * from './due-diligence';
