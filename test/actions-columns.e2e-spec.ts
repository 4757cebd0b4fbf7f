import { ActionColumn } from '@app/persistence';
import { TestEnvironment } from './support/environment.js';

/**
 * ActionColumn is the one place an `actions` column is named: a migration that adds, renames or
 * drops one fails here until that module says the same, and then the compiler finds the queries.
 */
describe('the actions columns the repositories name', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await TestEnvironment.create();
  });

  afterAll(() => env?.dispose());

  it('are exactly the migrated table’s columns', async () => {
    const rows = await env.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'actions' ORDER BY column_name`,
    );
    expect(Object.values(ActionColumn).sort()).toEqual(rows.map((r) => r.column_name).sort());
  });
});
