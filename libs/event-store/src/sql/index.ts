export * from './sql-event-store';
export * from './sql-driver';
export * from './pglite-driver';
export * from './pg-driver';
export * from './migrate';
export * from './sql-checkpoint-store';
export * from './data-directory-lock';
