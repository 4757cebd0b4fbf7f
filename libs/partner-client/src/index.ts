export * from './partner-client.js';
export * from './signing.js';
