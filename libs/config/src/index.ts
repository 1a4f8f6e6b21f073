export * from './config';
export * from './notifications';
