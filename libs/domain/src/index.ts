export * from './action-status.js';
export * from './decimal.js';
export * from './districts.js';
export * from './errors.js';
export * from './jobs.js';
export * from './points.js';
export * from './engagement/index.js';
export * from './webhook-destination.js';
