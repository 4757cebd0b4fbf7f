export * from './ledger-writer.js';
export * from './ledger.module.js';
export * from './posting.js';
export * from './reconciliation.js';
export * from './points-lots.js';
export * from './holds.js';
export * from './orders.js';
export * from './settlement/points-shortfall.js';
