export * from './config';
export * from './notifications';
export * from './logging';
