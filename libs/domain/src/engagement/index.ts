export * from './badges.js';
export * from './calendar.js';
export * from './equivalents.js';
