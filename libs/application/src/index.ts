export * from './handle-command';
export * from './aggregates';
