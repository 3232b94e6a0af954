// The demo store as its own process (`node dist/demo/server.mjs`), for what an in-process server cannot show:
// another machine time zone, several servers on one database, a `kill -9` in the middle of a write.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { VIOLATION_PREFIX, watchAnswers } from './contract.mjs';

/**
 * Starts the built demo server on a free port with `env` added to this process's environment (DEMO_DATA,
 * TZ, DATABASE_URL, …). Resolves once it listens; `log` collects its output lines, `exited` settles when
 * it ends. `stop()` ends it politely, `kill()` with SIGKILL; either then throws if any answer the store gave
 * broke docs/merchant-api.openapi.yaml (FENQI_CONTRACT_CHECK=1: the store checks its own answers, sends
 * `500 contract-violation` instead of a broken one and says so on stderr; `violations` lists those lines).
 */
export function spawnDemoStore(env = {}) {
  const child = spawn(process.execPath, [resolve('dist/demo/server.mjs')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      REVIEW_DELAY_MS: '0',
      FENQI_CONTRACT_CHECK: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const violations = [];
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  // The end of the output, not just of the process: the last lines are read before a check of `violations`.
  const drained = Promise.all(
    [child.stdout, child.stderr].map((stream) => new Promise((done) => stream.once('close', done))),
  );
  const assertKept = () => {
    if (violations.length)
      throw new Error(
        `the spawned demo store broke docs/merchant-api.openapi.yaml ${violations.length} time(s):\n  ` +
          violations.join('\n  '),
      );
  };
  return new Promise((ready, fail) => {
    const lines = createInterface({ input: child.stdout });
    createInterface({ input: child.stderr }).on('line', (line) => {
      log.push(line);
      if (line.startsWith(VIOLATION_PREFIX)) violations.push(line.slice(VIOLATION_PREFIX.length));
    });
    lines.on('line', (line) => {
      log.push(line);
      const started = /^fenqi demo store: (http\S+)/.exec(line);
      if (started) {
        const url = started[1];
        ready({
          url,
          origin: new URL(url).origin,
          log,
          violations,
          child,
          exited,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
            await drained;
            assertKept();
          },
          async kill() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
            await drained;
            assertKept();
          },
        });
      }
    });
    exited.then(({ code, signal }) =>
      fail(new Error(`the demo server ended before listening (${signal ?? code}):\n${log.join('\n')}`)),
    );
  });
}

/**
 * The built demo server in this process, on a free port: on its embedded database in `dataDir` (a new temp
 * folder unless given), or on PostgreSQL with `databaseUrl`; `publicOrigin` is its PUBLIC_ORIGIN, `now` the
 * clock its sessions and codes expire by. `dump()` reads every table (to see that a refused request wrote
 * nothing); `restart()` stops it and starts it again on the same port and data. Its answers
 * are checked against docs/merchant-api.openapi.yaml; `close()` throws if any broke it. A new plan's review is
 * decided by its next request unless `reviewDelayMs` says how long it lasts (the spawned store likewise, unless
 * `env` sets REVIEW_DELAY_MS).
 */
export async function startStore({ dataDir, databaseUrl, publicOrigin, now, reviewDelayMs = 0 } = {}) {
  const folder = dataDir ?? mkdtempSync(join(tmpdir(), 'fenqi-demo-'));
  const { startServer } = await import(resolve('dist/demo/server.mjs'));
  const log = [];
  const options = {
    host: '127.0.0.1',
    dataDir: folder,
    databaseUrl,
    publicOrigin,
    reviewDelayMs,
    ...(now ? { now } : {}),
    log: (line) => log.push(line),
  };
  let server = await startServer({ ...options, port: 0 });
  const contract = watchAnswers(server.port);
  return {
    url: server.url,
    origin: server.origin,
    dataDir: folder,
    log,
    dump: () => server.dump(),
    async restart() {
      await server.close();
      server = await startServer({ ...options, port: server.port });
    },
    contract,
    async close() {
      await server.close();
      contract.stop();
      if (!dataDir) rmSync(folder, { recursive: true, force: true });
      contract.assertKept();
    },
  };
}
