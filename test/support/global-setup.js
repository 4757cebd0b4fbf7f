// Plain ESM JavaScript: Jest loads global setup outside its module system, without path aliases.
// It only names this run's template database; the first test file to need it migrates and seeds it
// (test/support/environment.ts), under an advisory lock so parallel files do it once.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STALE_AFTER_MS = 2 * 60 * 60 * 1000;

export default async function globalSetup() {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    // Databases left behind by runs killed before their teardown.
    const { rows } = await client.query(
      `SELECT datname FROM pg_database WHERE datname LIKE 'carbon\\_test\\_%'`,
    );
    for (const { datname } of rows) {
      const created = Number(/_(\d{13})(_|$)/.exec(datname)?.[1] ?? 0);
      if (Date.now() - created > STALE_AFTER_MS) {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
      }
    }
    const template = `carbon_test_template_${Date.now()}_${randomBytes(3).toString('hex')}`;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`);
    process.env.TEST_TEMPLATE_DATABASE = template;
  } finally {
    await client.end();
  }
}
