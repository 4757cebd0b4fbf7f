/**
 * What the API and its faces share: the admin API's response and request shapes (types only: the
 * API annotates what it returns with them, and the console imports them instead of keeping copies),
 * and the Chinese sentences and names every face shows (messages-zh, plain data with no imports).
 */
export * from './campaigns.js';
export * from './catalog.js';
export * from './partners.js';
export * from './pools.js';
export * from './reviews.js';
export * from './messages-zh.js';
export * from './param-labels-zh.js';
export * from './trace-labels-zh.js';
