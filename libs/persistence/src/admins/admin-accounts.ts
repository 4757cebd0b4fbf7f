import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { DataSource } from 'typeorm';

export type AdminRole = 'admin' | 'auditor';

export interface AdminAccount {
  id: string;
  username: string;
  role: AdminRole;
}

const SCRYPT = { N: 16_384, r: 8, p: 1, keylen: 32 };

function scrypt(
  password: string,
  salt: Buffer,
  options: ScryptOptions & { keylen: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(
      password,
      salt,
      options.keylen,
      { N: options.N, r: options.r, p: options.p },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    keylen: expected.length,
  });
  return timingSafeEqual(key, expected);
}

// Verifying against this when the user does not exist keeps the answer time the same either way.
const ABSENT_USER_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export const MIN_ADMIN_PASSWORD_LENGTH = 12;

export async function createAdmin(
  dataSource: DataSource,
  username: string,
  password: string,
  role: AdminRole,
): Promise<AdminAccount> {
  if (password.length < MIN_ADMIN_PASSWORD_LENGTH)
    throw new Error(`an admin password needs at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`);
  const [row] = await dataSource.query<AdminAccount[]>(
    `INSERT INTO admins (username, password_hash, role) VALUES ($1, $2, $3) RETURNING id, username, role`,
    [username, await hashPassword(password), role],
  );
  return row;
}

/** The account, if the username exists, is enabled and the password matches. */
export async function verifyAdmin(
  dataSource: DataSource,
  username: string,
  password: string,
): Promise<AdminAccount | undefined> {
  const [row] = await dataSource.query<(AdminAccount & { password_hash: string })[]>(
    `SELECT id, username, role, password_hash FROM admins WHERE username = $1 AND disabled_at IS NULL`,
    [username],
  );
  const matches = await verifyPassword(password, row?.password_hash ?? ABSENT_USER_HASH);
  return row && matches ? { id: row.id, username: row.username, role: row.role } : undefined;
}

/** Creates the first admin from configuration when there is none yet; returns it if it did. */
export async function bootstrapAdmin(
  dataSource: DataSource,
  username: string,
  password: string,
): Promise<AdminAccount | undefined> {
  const [{ count }] = await dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM admins`,
  );
  if (count > 0) return undefined;
  return createAdmin(dataSource, username, password, 'admin');
}
