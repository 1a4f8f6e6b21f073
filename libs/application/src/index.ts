export * from './handle-command';
export * from './aggregates';
export * from './access';
export * from './access-rules';
export * from './events';
export * from './unreadable-event';
export * from './stream-turns';
export * from './risk-list-csv';
