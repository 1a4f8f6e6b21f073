export * from './blob-store';
export * from './filesystem-blob-store';
export * from './sql-blob-store';
export * from './open-blob-store';
