/**
 * Response and request shapes of the admin API that the console reads too. Types only, with no
 * imports: the API annotates what it returns with them, and the console imports them (type-only)
 * instead of keeping its own copies.
 */
export * from './campaigns.js';
export * from './catalog.js';
export * from './partners.js';
export * from './pools.js';
export * from './reviews.js';
