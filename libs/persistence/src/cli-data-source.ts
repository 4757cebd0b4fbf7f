import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';

/** For the TypeORM CLI: `npx typeorm migration:generate -d dist/libs/persistence/src/cli-data-source.js`. */
export default new DataSource(dataSourceOptions(loadConfig()));
