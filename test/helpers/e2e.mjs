// Shared set-up for end-to-end tests: the real demo store on 127.0.0.1, the engine-free oracles, and a playwright
// Chromium with the real built extension (dist/extension) loaded, for the screen tests and the bench, which need
// playwright's viewport, media and screenshot API. The extension's own tests drive Chromium and Firefox through
// extension-driver.mjs instead. Run `npm run build` first; scripts/test.mjs does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';
import { watchAnswers } from './contract.mjs';

export const EXTENSION_DIR = resolve('dist/extension');

/** The demo store's name, as its pages announce it (`<meta name="application-name">` in demo/public/*.html). */
export const DEMO_STORE_NAME = 'fenqi 演示商城';

/**
 * Starts the demo store on a free port with an empty data folder of its own, or on `dataDir` when given
 * (`startDemoStore(dir)` or `startDemoStore({ dataDir })`; then `close()` leaves the folder). The server's log lines (demo SMS codes included) are kept in `log`
 * instead of being printed. `restart()` stops the server and starts a new one on the same port and data
 * folder, as a shopper would see after the store's process restarts. Every answer it gives is checked against
 * docs/merchant-api.openapi.yaml; `close()` throws, listing them, if any broke it. A new plan's review is
 * decided at once (`reviewDelayMs: 0`, by its next request) unless a test gives `reviewDelayMs`; `now` is the
 * store's clock (a test moves it on to make a review due).
 */
export async function startDemoStore(options = {}) {
  const given = typeof options === 'string' ? options : options.dataDir;
  const reviewDelayMs = (typeof options === 'string' ? undefined : options.reviewDelayMs) ?? 0;
  // The clock sessions, codes and reviews go by (a test moves it on instead of waiting); the real one by default.
  const now = (typeof options === 'string' ? undefined : options.now) ?? Date.now;
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'fenqi-demo-'));
  const { startServer } = await import(resolve('dist/demo/server.mjs'));
  const log = [];
  let server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    reviewDelayMs,
    now,
    log: (line) => log.push(line),
  });
  const port = server.port ?? Number(new URL(server.url).port);
  const contract = watchAnswers(port);
  return {
    url: server.url,
    origin: new URL(server.url).origin,
    dataDir,
    log,
    async restart() {
      await server.close();
      // Node's fetch (undici) keeps idle connections in its global dispatcher and may send the next request on
      // one to the stopped server before it has read the close ("other side closed"): give it a fresh one.
      // (Chromium retries a request that fails on a reused connection by itself.)
      const dispatcher = Symbol.for('undici.globalDispatcher.1');
      const old = globalThis[dispatcher];
      if (old) {
        globalThis[dispatcher] = new old.constructor();
        await old.close();
      }
      server = await startServer({
        port,
        host: '127.0.0.1',
        dataDir,
        reviewDelayMs,
        now,
        log: (line) => log.push(line),
      });
    },
    contract,
    async close() {
      await server.close();
      contract.stop();
      if (!given) rmSync(dataDir, { recursive: true, force: true });
      contract.assertKept();
    },
  };
}

/** playwright's Chromium with the built extension; `extensionId` and `extensionPage(path)` reach its own pages. */
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

/**
 * A deadline, not a wait: how long a condition may take on a busy machine (a clean-clone CI run with two browsers
 * up, a build just done) before the test calls it missing. Passing tests never wait for it.
 */
export const DEADLINE = 30_000;

/** Polls `probe` until it returns something truthy, or fails after `timeout` ms. */
export async function eventually(probe, { timeout = DEADLINE, interval = 50, message = 'condition' } = {}) {
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

/** An installment with something left to pay. */
export const unpaid = (it) => it.paid < it.principal + it.fee;

/** The badge the extension should show for the plans a store serves, computed independently of its code. */
export function expectedBadge(plans) {
  const soonest = plans
    .flatMap((p) => p.installments.filter(unpaid).slice(0, 1))
    .map((it) => it.dueDate)
    .sort()[0];
  if (!soonest) return '';
  const days = daysFromTo(localToday(), soonest);
  return days > 0 ? `${days}d` : days === 0 ? '!' : `-${-days}d`;
}

export function daysFromTo(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Turns tracking on through the extension's real options page; returns that page, left open. */
export async function turnTrackingOn(browser) {
  const options = await browser.extensionPage('options.html');
  await options.locator('body[data-ready="true"]').waitFor();
  await options.locator('#tracking').check();
  await options.locator('body[data-tracking="true"]').waitFor();
  return options;
}

/**
 * Opens `url` (a store page) in a new tab that records every `ack` the extension's content script posts back
 * to it (`window.fenqiAcks`, kept per document, so again after a reload); waits for the ack of the page's
 * `plans` announcement unless `waitFor` is false. The worker replies only after it has stored the plans,
 * redone the badge and shown any reminder that fell due, so the ack is the moment to look.
 */
export async function openStorePage(context, url, { waitFor = 'plans' } = {}) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.fenqiAcks = [];
    window.addEventListener('message', (event) => {
      if (event.source === window && event.data?.fenqi === 1 && event.data.type === 'ack')
        window.fenqiAcks.push(event.data.payload);
    });
  });
  await page.goto(url);
  if (waitFor) await nextAck(page, waitFor);
  return page;
}

/** Waits for the content script's ack of the page's `of` message (the first one this document got); returns it. */
export async function nextAck(page, of = 'plans', { timeout = DEADLINE } = {}) {
  const handle = await page.waitForFunction((type) => window.fenqiAcks?.find((a) => a.of === type), of, { timeout });
  return handle.jsonValue();
}

/** The ids of the extension's notifications on screen (`chrome.notifications.getAll()` from one of its pages). */
export async function notificationIds(extensionPage) {
  return Object.keys(await extensionPage.evaluate(() => chrome.notifications.getAll())).sort();
}

/**
 * Stops the extension's service worker as Chromium does when it idles (CDP `ServiceWorker.stopAllWorkers`) and
 * waits until it is gone. The next event (a page's message, an alarm) starts a fresh one. Chromium keeps the
 * worker's DevTools target across the restart, so playwright fires no new `serviceworker` event and
 * `browser.worker` then evaluates in the fresh worker.
 */
export async function stopServiceWorker(browser, extensionPage) {
  const cdp = await browser.context.newCDPSession(extensionPage);
  const running = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.some(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`),
    );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await eventually(async () => !(await running()), { message: 'the service worker to stop' });
  await cdp.detach();
}
