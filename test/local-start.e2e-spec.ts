import { randomBytes } from 'node:crypto';
import { LocalStartError, prepareLocalDatabase } from '../apps/local/src/local-postgres.js';
import { FILE_DB_PREFIX, databaseUrl, dropDatabase, withServer } from './support/databases.js';

/** `npm start` with a DATABASE_URL of one's own, as a newcomer would run it the first time. */
describe('npm start on a custom DATABASE_URL', () => {
  const name = `${FILE_DB_PREFIX}custom_${randomBytes(4).toString('hex')}`;
  const logged: string[] = [];

  afterAll(() => withServer((client) => dropDatabase(client, name)));

  const exists = () =>
    withServer(
      async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount,
    );

  it('creates the configured database when it does not exist yet, and then simply uses it', async () => {
    expect(await exists()).toBe(0);
    const url = databaseUrl(name);
    expect(await prepareLocalDatabase({ url, explicit: true }, (line) => logged.push(line))).toEqual({ url });
    expect(await exists()).toBe(1);
    expect(await prepareLocalDatabase({ url, explicit: true }, (line) => logged.push(line))).toEqual({ url });
    expect(logged).toEqual([]);
  });

  it('stops with one sentence when the database cannot be created or reached', async () => {
    const role = `nocreate_${randomBytes(3).toString('hex')}`;
    await withServer((client) => client.query(`CREATE ROLE ${role} LOGIN`));
    try {
      const denied = new URL(databaseUrl(`${name}_denied`));
      denied.username = role;
      const attempt = prepareLocalDatabase({ url: denied.toString(), explicit: true }, () => undefined);
      await expect(attempt).rejects.toBeInstanceOf(LocalStartError);
      await expect(attempt).rejects.toThrow(
        /^the database "carbon_test_custom_\w+_denied" on [^:]+:\d+ does not exist and could not be created \(permission denied to create database\): create it, or set DATABASE_URL to one that exists$/,
      );
    } finally {
      await withServer((client) => client.query(`DROP ROLE ${role}`));
    }
    const stranger = new URL(databaseUrl(name));
    stranger.username = `nobody_${randomBytes(3).toString('hex')}`;
    await expect(
      prepareLocalDatabase({ url: stranger.toString(), explicit: true }, () => undefined),
    ).rejects.toThrow(
      /^cannot connect to the database "carbon_test_custom_\w+" on [^:]+:\d+: role "nobody_\w+" does not exist$/,
    );
  });
});
