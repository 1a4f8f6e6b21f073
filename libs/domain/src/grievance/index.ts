export * from './grievance';
