export * from './app-config.js';
export * from './config.module.js';
export * from './redis-cluster.js';
export * from './url-without-password.js';
