import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const exec = promisify(execFile);

/** The ports this file's servers may use (the read-replica helper's range, see the brief's table). */
const PORT_RANGE = { first: 55440, last: 55449 };
const SERVER_BINARIES = ['initdb', 'pg_ctl', 'pg_basebackup'] as const;

/**
 * Where initdb, pg_ctl and pg_basebackup are: `pg_config --bindir`, else Debian's
 * /usr/lib/postgresql/<version>/bin (newest first), else PATH. A clear failure, never a skip, when
 * none has all three.
 */
async function serverBinaries(): Promise<Record<(typeof SERVER_BINARIES)[number], string>> {
  const candidates: string[] = [];
  const fromPgConfig = await exec('pg_config', ['--bindir']).then(
    ({ stdout }) => stdout.trim(),
    () => undefined,
  );
  if (fromPgConfig) candidates.push(fromPgConfig);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian))
    candidates.push(
      ...readdirSync(debian)
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join(debian, version, 'bin')),
    );
  candidates.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  const bindir = candidates.find((dir) => SERVER_BINARIES.every((name) => existsSync(join(dir, name))));
  if (!bindir)
    throw new Error(
      `the read-replica test needs the PostgreSQL server binaries ${SERVER_BINARIES.join(', ')} ` +
        `(looked in ${candidates.slice(0, 4).join(', ')}, …): install the postgresql package`,
    );
  return Object.fromEntries(SERVER_BINARIES.map((name) => [name, join(bindir, name)])) as Record<
    (typeof SERVER_BINARIES)[number],
    string
  >;
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = PORT_RANGE.first; port <= PORT_RANGE.last && ports.length < count; port++)
    if (await portFree(port)) ports.push(port);
  if (ports.length < count)
    throw new Error(`fewer than ${count} free ports in ${PORT_RANGE.first}–${PORT_RANGE.last}`);
  return ports;
}

/**
 * A PostgreSQL primary and a streaming standby of it (pg_basebackup -R), in a temporary directory,
 * for one test file. PostgreSQL refuses to run as root, so under root every server command runs as
 * the `postgres` user. stop() stops both servers and removes the directory, whatever state they are in.
 */
export class StreamingStandbyPair {
  private readonly running = new Set<string>();

  private constructor(
    private readonly bin: Awaited<ReturnType<typeof serverBinaries>>,
    readonly dir: string,
    readonly primaryPort: number,
    readonly standbyPort: number,
  ) {}

  /** Starts the primary only; the standby is cloned from it by startStandby() (after migrating). */
  static async startPrimary(): Promise<StreamingStandbyPair> {
    const bin = await serverBinaries();
    const [primaryPort, standbyPort] = await freePorts(2);
    const dir = await mkdtemp(join(tmpdir(), 'carbon-replica-'));
    const pair = new StreamingStandbyPair(bin, dir, primaryPort, standbyPort);
    try {
      if (process.getuid?.() === 0) {
        const { stdout } = await exec('id', ['-u', 'postgres']).catch(() => {
          throw new Error(
            'running as root: the read-replica test needs a `postgres` user to run the servers as',
          );
        });
        const uid = Number(stdout.trim());
        const gid = Number((await exec('id', ['-g', 'postgres'])).stdout.trim());
        await chown(dir, uid, gid);
      }
      await pair.run(bin.initdb, [
        '-D',
        pair.primaryDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ]);
      await appendFile(
        join(pair.primaryDir, 'postgresql.conf'),
        [
          `port = ${primaryPort}`,
          `listen_addresses = '127.0.0.1'`,
          `unix_socket_directories = '${dir}'`,
          'wal_level = replica',
          'max_wal_senders = 4',
          'hot_standby = on',
          'fsync = off',
          'shared_buffers = 32MB',
          '',
        ].join('\n'),
      );
      await pair.start(pair.primaryDir, 'primary');
    } catch (error) {
      await pair.stop();
      throw error;
    }
    return pair;
  }

  get primaryDir(): string {
    return join(this.dir, 'primary');
  }

  get standbyDir(): string {
    return join(this.dir, 'standby');
  }

  primaryUrl(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.primaryPort}/${database}`;
  }

  standbyUrl(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.standbyPort}/${database}`;
  }

  /** Clones the primary as it is now and starts the clone as a hot standby streaming from it. */
  async startStandby(): Promise<void> {
    await this.run(this.bin.pg_basebackup, [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.primaryPort),
      '-U',
      'postgres',
      '-D',
      this.standbyDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    // The clone carries the primary's postgresql.conf: the last setting of a name wins.
    await appendFile(join(this.standbyDir, 'postgresql.conf'), `port = ${this.standbyPort}\n`);
    await this.start(this.standbyDir, 'standby');
  }

  async stopStandby(): Promise<void> {
    await this.stopServer(this.standbyDir);
  }

  /** Runs one statement on a server (maintenance connection, closed after). */
  async query<T extends pg.QueryResultRow>(
    server: 'primary' | 'standby',
    sql: string,
    database = 'postgres',
  ) {
    const url = server === 'primary' ? this.primaryUrl(database) : this.standbyUrl(database);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  /** Stops both servers (immediately: nothing here needs a clean shutdown) and removes the directory. */
  async stop(): Promise<void> {
    for (const dataDir of [...this.running]) await this.stopServer(dataDir).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async start(dataDir: string, name: string): Promise<void> {
    this.running.add(dataDir);
    await this.run(this.bin.pg_ctl, [
      'start',
      '-w',
      '-t',
      '60',
      '-D',
      dataDir,
      '-l',
      join(this.dir, `${name}.log`),
    ]);
  }

  private async stopServer(dataDir: string): Promise<void> {
    if (!this.running.has(dataDir)) return;
    await this.run(this.bin.pg_ctl, ['stop', '-w', '-m', 'immediate', '-D', dataDir]);
    this.running.delete(dataDir);
  }

  private async run(binary: string, args: string[]): Promise<void> {
    const [command, argv] =
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
    try {
      await exec(command, argv, { timeout: 90_000, cwd: this.dir });
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      throw new Error(`${binary} ${args.join(' ')} failed: ${stderr?.trim() || message}`, { cause: error });
    }
  }
}
