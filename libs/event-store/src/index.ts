export * from './event-store';
export * from './errors';
export * from './validate';
export * from './hash-chain';
export * from './polling-subscription';
export * from './checkpoint-store';
export * from './sql';
export * from './open-event-store';
