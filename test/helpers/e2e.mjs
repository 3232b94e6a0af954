// Shared set-up for end-to-end tests: the real demo store on 127.0.0.1 and Chromium with the real
// built extension (dist/extension) loaded. Run `npm run build` first; scripts/test.mjs does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';

export const EXTENSION_DIR = resolve('dist/extension');

/**
 * Starts the demo store on a free port with an empty data folder of its own, or on `dataDir` when given
 * (`startDemoStore(dir)` or `startDemoStore({ dataDir })`; then `close()` leaves the folder). The server's log lines (demo SMS codes included) are kept in `log`
 * instead of being printed. `restart()` stops the server and starts a new one on the same port and data
 * folder, as a shopper would see after the store's process restarts.
 */
export async function startDemoStore(options = {}) {
  const given = typeof options === 'string' ? options : options.dataDir;
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'fenqi-demo-'));
  const { startServer } = await import(resolve('dist/demo/server.mjs'));
  const log = [];
  let server = await startServer({ port: 0, host: '127.0.0.1', dataDir, log: (line) => log.push(line) });
  const port = server.port ?? Number(new URL(server.url).port);
  return {
    url: server.url,
    origin: new URL(server.url).origin,
    dataDir,
    log,
    async restart() {
      await server.close();
      // Let clients see their kept-alive connections close before the new server takes the port.
      await new Promise((r) => setTimeout(r, 50));
      server = await startServer({ port, host: '127.0.0.1', dataDir, log: (line) => log.push(line) });
    },
    async close() {
      await server.close();
      if (!given) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium with the built extension; `extensionId` and `extensionPage(path)` reach its own pages. */
export async function launchWithExtension() {
  const profile = mkdtempSync(join(tmpdir(), 'fenqi-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: ensureChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
    ignoreDefaultArgs: ['--disable-extensions'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async extensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every record of one object store of the extension's IndexedDB, read with the raw API from an extension page. */
export function readStore(page, storeName) {
  return page.evaluate(
    (name) =>
      new Promise((done, fail) => {
        const open = indexedDB.open('fenqi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) return done([]);
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            done(request.result);
          };
          request.onerror = () => fail(request.error);
        };
      }),
    storeName,
  );
}

/** Polls `probe` until it returns something truthy, or fails after `timeout` ms. */
export async function eventually(probe, { timeout = 5000, interval = 50, message = 'condition' } = {}) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${message} (last: ${JSON.stringify(last)})`);
}

/** The shopper's calendar date today, in this machine's zone (Chromium runs in the same one). */
export function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function daysFromTo(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
