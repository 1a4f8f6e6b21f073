// Every workflow the worker registers. Deterministic code only: no I/O, no clock, no randomness
// outside the Temporal SDK (enforced by eslint.config.mjs).
export * from './risk-screening.workflow';
export * from './award-standstill.workflow';
export * from './contract-due-diligence.workflow';
export * from './breach-escalation.workflow';
export * from './grievance-intake.workflow';
export * from './contract-disclosure.workflow';
export * from './tender.workflow';
export * from './notification-delivery.workflow';
export * from './document-request.workflow';
export * from './cooperative-contract.workflow';
