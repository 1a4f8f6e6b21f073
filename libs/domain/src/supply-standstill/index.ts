export * from './supply-standstill';
