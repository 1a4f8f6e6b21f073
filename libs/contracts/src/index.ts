export * from './workflows';
export * from './domain-command';
export * from './award-standstill';
export * from './due-diligence';
export * from './breach-escalation';
export * from './grievance-intake';
export * from './refusal';
export * from './activities';
