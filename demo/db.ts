/**
 * The demo store's database: PostgreSQL, either embedded (PGlite, PostgreSQL compiled to WebAssembly, in a
 * folder; no setup) or a real server (`DATABASE_URL=postgres://…`, through `pg`), with the same SQL on both.
 * Every request runs in one transaction (`transaction()`); the schema comes from the numbered files in
 * demo/migrations, applied in order, once, under a lock, so several server processes can start together.
 */
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What runs SQL: a transaction's connection. */
export interface Sql {
  /** One statement, with `$1`-style parameters. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements separated by `;`, no parameters (a migration file). */
  exec(text: string): Promise<void>;
}

export interface Database {
  /** 'pglite' (embedded, in `dataDir`) or 'postgres' (a server). */
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. A transaction
   * that lost a race PostgreSQL detects (a unique key taken meanwhile, a deadlock, a serialization failure)
   * is run again from the start, a few times; `work` must therefore only touch the database.
   */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Postgres error codes worth one more try of the whole transaction. */
const RETRYABLE = new Set(['23505', '40001', '40P01']);
const TRIES = 3;

async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await attempt();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (tryNumber >= TRIES || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
    }
  }
}

/** Migrations are `NNN_name.sql` in `dir`, applied in number order. */
export function readMigrations(dir: string): { version: number; name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Any number that fits: serialises the servers that migrate one database at the same moment. */
const MIGRATION_LOCK = 7_368_291;

async function migrate(db: Database, dir: string): Promise<string[]> {
  const migrations = readMigrations(dir);
  return db.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await sql.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await sql.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      // A migration file is several statements: run them as one string, without parameters.
      await sql.exec(m.sql);
      await sql.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}

/**
 * PGlite keeps its files in one folder and lets only one process use them; a second one would corrupt them.
 * The lock file names the process that holds it; one left by a process that is gone (a `kill -9`) is taken over.
 */
function lockFolder(dir: string): () => void {
  const file = join(dir, 'demo-server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
        throw new Error(
          `${dir} is in use by the demo server with pid ${holder}; give this one another DEMO_DATA, ` +
            'or run several servers on one PostgreSQL with DATABASE_URL',
          { cause: error },
        );
      }
      unlinkSync(file);
    }
  }
  throw new Error(`could not lock ${dir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A freshly initialised, empty PGlite cluster to copy new databases from: initialising one (initdb, in
 * WebAssembly) costs about 10 s of CPU, copying one a fraction of a second, and a cluster that exists is
 * opened as it is. Kept per PGlite version in `cacheDir`, made once by whichever server needs it first.
 */
const templates: Record<string, Promise<string>> = {};

async function pgliteTemplate(cacheDir: string): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(packageDir('@electric-sql/pglite'), 'package.json'), 'utf8')) as {
    version: string;
  };
  const template = join(cacheDir, `pglite-${version}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  mkdirSync(cacheDir, { recursive: true });
  removeLeftovers(cacheDir);
  const building = `${template}.tmp-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const { PGlite } = await import('@electric-sql/pglite');
  await (await PGlite.create(building)).close();
  try {
    renameSync(building, template);
  } catch (error) {
    // Another server made it meanwhile: use theirs.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(template, 'PG_VERSION'))) throw error;
  }
  return template;
}

/** The folder of an installed package (its package.json need not be exported). */
function packageDir(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !dir.includes(name)) dir = dirname(dir);
  return dir;
}

/**
 * Half-made copies of a process that is gone: `….tmp-<pid>` (an interrupted copy or template build) and
 * `store.json.<pid>.tmp` (a write of the JSON-file store before the database, cut short by a kill -9).
 */
function removeLeftovers(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const pid = (/\.tmp-(\d+)$/.exec(entry) ?? /^store\.json\.(\d+)\.tmp$/.exec(entry))?.[1];
    if (pid && (Number(pid) === process.pid || !isRunning(Number(pid)))) {
      rmSync(join(dir, entry), { recursive: true, force: true });
    }
  }
}

async function openPglite(dataDir: string, cacheDir: string | undefined): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockFolder(dataDir);
  try {
    const folder = join(dataDir, 'pglite');
    // This process holds the folder's lock: any half-made copy in it was left by an interrupted start.
    removeLeftovers(dataDir);
    if (cacheDir && !existsSync(join(folder, 'PG_VERSION'))) {
      // One build per process: two stores started at once in one process (the e2e tests do) would share the
      // `.tmp-<pid>` folder, and the second would delete the first's half-built cluster.
      const template = await (templates[cacheDir] ??= pgliteTemplate(cacheDir));
      // Copied beside, then renamed into place: a start interrupted mid-copy leaves no half database.
      const copying = `${folder}.tmp-${process.pid}`;
      cpSync(template, copying, { recursive: true });
      rmSync(folder, { recursive: true, force: true });
      renameSync(copying, folder);
    }
    mkdirSync(folder, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(folder);
    return {
      kind: 'pglite',
      // PGlite has one connection and runs one transaction at a time; the others wait their turn.
      transaction: (work) =>
        withRetries(() =>
          pglite.transaction((tx) =>
            work({
              query: async <T>(text: string, params?: unknown[]) => ({
                rows: (await tx.query<T>(text, params)).rows,
              }),
              exec: async (text) => void (await tx.exec(text)),
            }),
          ),
        ),
      async close() {
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    transaction: (work) =>
      withRetries(async () => {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query('BEGIN');
          const result = await work({
            query: async <T>(text: string, params?: unknown[]) => ({
              rows: (await client.query(text, params)).rows as T[],
            }),
            exec: async (text) => void (await client.query(text)),
          });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
          throw error;
        } finally {
          client.release(broken);
        }
      }),
    close: () => pool.end(),
  };
}

export interface OpenOptions {
  /** `postgres://…`: a PostgreSQL server. Otherwise the embedded database in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  migrationsDir: string;
  /** Where to keep an initialised empty embedded database that new ones are copied from; none: initialise each. */
  cacheDir?: string;
  log?: (line: string) => void;
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase({
  databaseUrl,
  dataDir,
  migrationsDir,
  cacheDir,
  log,
}: OpenOptions): Promise<Database> {
  const db = databaseUrl ? await openPostgres(databaseUrl) : await openPglite(dataDir, cacheDir);
  try {
    const applied = await migrate(db, migrationsDir);
    if (applied.length) log?.(`database: applied ${applied.join(', ')}`);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** A bigint column as a number of fen: exact, or an error (never a rounded figure). */
export function fen(value: unknown): number {
  const n = typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new Error(`not a whole number of fen: ${String(value)}`);
  return n;
}
