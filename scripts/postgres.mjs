// A throwaway PostgreSQL server for the demo store's tests (or to try the demo on a real PostgreSQL):
// a new cluster in a temp folder, on a free port, on 127.0.0.1 only, removed when stopped.
//
//   node scripts/postgres.mjs          # starts one, prints its DATABASE_URL, stops it on Ctrl-C
//
// It uses Debian's PostgreSQL (`/usr/lib/postgresql/<version>/bin`, or PG_BIN=…). When that is missing and we
// are root, it installs the `postgresql` package with apt-get first; otherwise `startPostgres()` answers
// `{ skip: reason }` and the tests that need it say why they did not run.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function findBin() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

function install(log) {
  log('PostgreSQL is not installed: installing Debian’s postgresql package (apt-get)…');
  // Wait for another apt run to finish rather than fail on its lock.
  const apt = (...args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!apt('install', '-y', '--no-install-recommends', 'postgresql')) {
    apt('update');
    apt('install', '-y', '--no-install-recommends', 'postgresql');
  }
}

/** A port nothing listens on right now. */
function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function runner(bin) {
  return (command, args, options = {}) => {
    const file = join(bin, command);
    if (isRoot()) return execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], options);
    return execFileSync(file, args, options);
  };
}

/**
 * Starts a throwaway PostgreSQL. Resolves with `{ url, version, createDatabase(), stop() }` — `url` is the
 * superuser's connection to the `postgres` database, `createDatabase()` makes a new empty database and
 * resolves with its URL — or with `{ skip: reason }` when PostgreSQL is not available here.
 */
export async function startPostgres({ log = (line) => console.error(line) } = {}) {
  let bin = findBin();
  if (!bin && isRoot() && existsSync('/usr/bin/apt-get')) {
    install(log);
    bin = findBin();
  }
  if (!bin) {
    return {
      skip: isRoot()
        ? 'PostgreSQL is not installed and apt-get could not install it'
        : 'PostgreSQL is not installed (/usr/lib/postgresql/*/bin) and installing it needs root: apt-get install postgresql',
    };
  }
  const run = runner(bin);
  const dir = mkdtempSync(join(tmpdir(), 'fenqi-postgres-'));
  const data = join(dir, 'data');
  if (isRoot()) {
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w'], { stdio: 'ignore' });
      } catch {
        // already stopped
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // trust on 127.0.0.1 and the socket in the folder: nothing outside this machine can reach it. fsync off:
    // the tests kill client processes, not the machine, and a throwaway cluster need not survive a power cut.
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C'], {
      stdio: 'ignore',
    });
    run(
      'pg_ctl',
      [
        'start',
        '-D',
        data,
        '-w',
        '-t',
        '120',
        '-l',
        join(dir, 'server.log'),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
      ],
      { stdio: 'ignore' },
    );
    started = true;
  } catch (error) {
    stop();
    throw new Error(`PostgreSQL did not start: ${error.message}`, { cause: error });
  }
  // If the tests end without stopping it (a crash), do not leave a server behind.
  process.once('exit', stop);
  const version = execFileSync(join(bin, 'postgres'), ['--version']).toString().trim();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let count = 0;
  return {
    url,
    version,
    async createDatabase(prefix = 'fenqi') {
      const name = `${prefix}_${process.pid}_${++count}`;
      run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-q', '-c', `CREATE DATABASE ${name}`], {
        stdio: 'ignore',
      });
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.removeListener('exit', stop);
      stop();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pg = await startPostgres();
  if (pg.skip) {
    console.error(`PostgreSQL not started: ${pg.skip}`);
    process.exit(1);
  }
  const url = await pg.createDatabase('fenqi_demo');
  console.log(`${pg.version} is running. Try the demo store on it:`);
  console.log(`  DATABASE_URL=${url} npm run demo`);
  console.log('Ctrl-C stops it and deletes its data.');
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => pg.stop().then(() => process.exit(0)));
  setInterval(() => {}, 1 << 30);
}
