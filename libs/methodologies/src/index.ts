export * from './common-params.js';
export * from './cycling/cycling.methodology.js';
export * from './methodology.js';
export * from './registry.js';
export * from './version-selection.js';
export * from './assess.js';
export * from './factor-refs.js';
