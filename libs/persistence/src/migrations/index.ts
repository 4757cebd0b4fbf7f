import { Foundation1763712000000 } from './1763712000000-Foundation.js';

/** Every migration, oldest first. A new migration file is added here too. */
export const MIGRATIONS = [Foundation1763712000000];
