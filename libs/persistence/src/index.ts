export * from './data-source.js';
export * from './entities/index.js';
export * from './migrate.js';
export * from './persistence.module.js';
export * from './catalog/methodology-catalog.js';
export * from './admins/admin-accounts.js';
export * from './partners/secret-box.js';
export * from './reports/report-rollups.js';
