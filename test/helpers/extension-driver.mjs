// The extension's end-to-end driver: a real browser with the real built extension (dist/extension), Chromium or
// Firefox, both driven by puppeteer-core (CDP for Chromium, WebDriver BiDi for Firefox). scripts/test.mjs builds
// first and sets FENQI_E2E_ENGINE per run; the demo store and the engine-free oracles are in e2e.mjs.
//
// The extension tests talk to `launchWithExtension()`'s handle and its `Tab`s only, never to an engine's API, so
// one test body runs in both engines. What differs per engine lives here:
//   - how the extension is loaded (--load-extension vs a temporary add-on) and where its pages live
//     (chrome-extension://<id>/ vs moz-extension://<uuid>/, the uuid fixed by a preference);
//   - the browser-side acts no web page can do: a click on a notification, an alarm going off, the background
//     being stopped when idle (Chromium: CDP and the worker's own event objects; Firefox: its privileged scope);
//   - where downloads land.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, ENGINE_NAMES, ensureEngines } from '../../scripts/browsers.mjs';
import { eventually, EXTENSION_DIR } from './e2e.mjs';

export {
  daysFromTo,
  DEMO_STORE_NAME,
  eventually,
  expectedBadge,
  localToday,
  readStore,
  startDemoStore,
  unpaid,
} from './e2e.mjs';

/** The engine this run drives: `FENQI_E2E_ENGINE` (scripts/test.mjs sets it), Chromium by default. */
export const ENGINE = process.env.FENQI_E2E_ENGINE ?? 'chromium';
export const ENGINE_NAME = ENGINE_NAMES[ENGINE];

/**
 * How long a wait for an event or a state may take before the test fails: as long as Playwright's default, which
 * these tests had before; on a 2-core machine running three browsers an ack can take well over 5 s.
 */
const WAIT = 30_000;

/** The extension's Firefox id (manifest.json) and the fixed uuid its moz-extension:// pages get in tests. */
const GECKO_ID = 'fenqi@fenqi.dev';
const FIREFOX_UUID = '5d1e3c2a-6f0b-4b8e-9a41-7c2d8e0f1a93';

/**
 * One page (a tab) of the browser, with the few actions the tests need. Actions first bring the page to the
 * front: a page behind another gets no animation frames in headless Chromium or Firefox, and waiting for an
 * element to be visible and stable needs them. Selectors are puppeteer's: CSS, with `>>>` to enter shadow roots
 * (`fenqi-bill-panel >>> dialog.repay[open]`).
 */
export class Tab {
  constructor(page) {
    /** The puppeteer page, for anything not covered here. */
    this.page = page;
    /** The page's uncaught errors and console errors, told when a wait fails (what went wrong in there). */
    this.problems = [];
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error?.message ?? error}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console.error: ${message.text()}`);
    });
  }

  /** The page's address as the page itself sees it (Firefox reports none for moz-extension pages). */
  url() {
    return this.page.evaluate(() => location.href);
  }

  evaluate(fn, ...args) {
    return this.page.evaluate(fn, ...args);
  }

  /** Waits until `fn(arg)` is truthy in the page; returns its value. */
  async waitForFunction(fn, arg, { timeout = WAIT } = {}) {
    const handle = await this.page.waitForFunction(fn, { timeout, polling: 50 }, arg);
    return handle.jsonValue();
  }

  /**
   * Goes to `url` and waits for its document. Firefox never reports a load for moz-extension pages over BiDi,
   * so the page's own address and ready state are what is waited for.
   */
  async goto(url) {
    if (!url.startsWith('moz-extension:')) return void (await this.page.goto(url));
    void this.page.goto(url).catch(() => {});
    // The document is replaced under the driver (a new process for the extension): ask it afresh each time.
    await eventually(
      () => this.#ask(() => location.href + ' ' + document.readyState).then((s) => s === `${url} complete`),
      {
        timeout: WAIT,
        message: `${url} to load`,
      },
    );
  }

  /** Evaluates `fn` in the page, or gives '' when the page is between documents (or does not answer in a second). */
  #ask(fn) {
    return Promise.race([this.page.evaluate(fn), new Promise((r) => setTimeout(() => r(''), 1000))]).catch(() => '');
  }

  /** Reloads and waits for the new document (marked, so the old one is not mistaken for it). */
  async reload() {
    await this.page.evaluate(() => {
      window.fenqiOldDocument = true;
      setTimeout(() => location.reload());
    });
    await eventually(() => this.#ask(() => !window.fenqiOldDocument && document.readyState === 'complete'), {
      timeout: WAIT,
      message: 'the page to reload',
    });
  }

  front() {
    return this.page.bringToFront();
  }

  close() {
    return this.page.close();
  }

  isClosed() {
    return this.page.isClosed();
  }

  /** Waits until an element matching `selector` is visible; returns its handle. */
  async waitFor(selector, { timeout = WAIT } = {}) {
    await this.front();
    try {
      return await this.page.waitForSelector(selector, { visible: true, timeout });
    } catch (error) {
      throw new Error(`${error.message}\n${await this.#state()}`, { cause: error });
    }
  }

  /** Where the page is and what went wrong in it: for a failed wait's message. */
  async #state() {
    const state =
      (await this.#ask(
        () => `${location.href} ${document.readyState} body ${JSON.stringify({ ...document.body?.dataset })}`,
      )) || '(it did not answer)';
    return [`page: ${state}`, ...this.problems.slice(-10)].join('\n');
  }

  /** Waits until no element matches `selector`. */
  async waitForNone(selector, { timeout = WAIT } = {}) {
    await this.page.waitForSelector(selector, { hidden: true, timeout });
  }

  /** Waits until the page's text shows `text`. */
  async waitForText(text, { timeout = WAIT } = {}) {
    await this.waitForFunction((t) => document.body?.innerText.includes(t), text, { timeout });
  }

  async click(selector) {
    await (await this.waitFor(selector)).click();
  }

  /** Clicks the checkbox at `selector` unless it is already `checked`; then waits for the page to agree. */
  async check(selector, checked = true) {
    const box = await this.waitFor(selector);
    if ((await box.evaluate((el) => el.checked)) !== checked) await box.click();
    await this.page.waitForFunction((el, want) => el.checked === want, { polling: 50 }, box, checked);
  }

  uncheck(selector) {
    return this.check(selector, false);
  }

  /** Gives the field at `selector` a new value as a person would commit it: `input`, then `change`. */
  async fill(selector, value) {
    const field = await this.waitFor(selector);
    await field.evaluate((el, v) => {
      el.focus();
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  }

  async select(selector, value) {
    await this.waitFor(selector);
    await this.page.select(selector, value);
  }

  /** Hands `file` to the file input at `selector`, as the shopper choosing it would. */
  async upload(selector, file) {
    const input = await this.page.waitForSelector(selector);
    await input.uploadFile(file);
  }

  /** Accepts the next confirm()/alert() the page shows. */
  acceptNextDialog() {
    this.page.once('dialog', (dialog) => void dialog.accept());
  }

  /** Runs `fn(element, arg)` on the first match of `selector`. */
  async evalOn(selector, fn, arg) {
    const element = await this.page.waitForSelector(selector);
    return element.evaluate(fn, arg);
  }

  /** Runs `fn(elements, arg)` on every match of `selector` (none is fine). */
  evalAll(selector, fn, arg) {
    return this.page.$$eval(selector, fn, arg);
  }

  text(selector) {
    return this.evalOn(selector, (el) => el.innerText);
  }

  /** The text of every rendered (not hidden) match, top to bottom. */
  texts(selector) {
    return this.evalAll(selector, (els) => els.filter((el) => el.checkVisibility()).map((el) => el.innerText));
  }

  attr(selector, name) {
    return this.evalOn(selector, (el, n) => el.getAttribute(n), name);
  }

  value(selector) {
    return this.evalOn(selector, (el) => el.value);
  }

  isChecked(selector) {
    return this.evalOn(selector, (el) => el.checked);
  }

  async count(selector) {
    return (await this.page.$$(selector)).length;
  }
}

/**
 * The browser of this run (`ENGINE`) with the built extension installed. Its pages open in windows of their own
 * (a tab behind another gets no animation frames). The handle:
 *   engine, name, origin            which engine, and the extension's origin (chrome-extension:// or moz-extension://)
 *   newTab(url?), extensionPage(path), waitForTab(predicate), tabs()
 *   clickNotification(id)           as the shopper clicking the extension's notification `id`
 *   fireAlarm(name)                 as the extension's alarm `name` going off now; resolves once handled
 *   stopBackground(), backgroundRunning()
 *                                   stop the service worker (Chromium) or event page (Firefox) as the browser does
 *                                   when it idles; the next event starts a fresh one
 *   downloads, waitForDownload(pattern)
 *   close()
 */
export async function launchWithExtension({ engine = ENGINE } = {}) {
  const downloads = mkdtempSync(join(tmpdir(), 'fenqi-downloads-'));
  const driver = engine === 'firefox' ? await launchFirefox(downloads) : await launchChromium(downloads);
  const { browser } = driver;
  const known = new WeakMap();
  const tab = (page) => known.get(page) ?? (known.set(page, new Tab(page)), known.get(page));

  /** The pages open now, each with its address (asked of the page itself where the driver reports none). */
  async function pagesWithUrls() {
    const ask = (p) =>
      Promise.race([p.evaluate(() => location.href), new Promise((r) => setTimeout(() => r(''), 1000))]).catch(
        () => '',
      );
    const pages = await browser.pages();
    return Promise.all(
      pages.map(async (p) => ({ page: p, url: p.url() && p.url() !== 'about:blank' ? p.url() : await ask(p) })),
    );
  }

  const launched = {
    engine,
    name: ENGINE_NAMES[engine],
    origin: driver.origin,
    browser,
    downloads,
    async newTab(url) {
      const t = tab(await browser.newPage({ type: 'window' }));
      if (url) await t.goto(url);
      return t;
    },
    async extensionPage(path) {
      const t = tab(await browser.newPage({ type: 'window' }));
      await t.goto(`${driver.origin}/${path}`);
      return t;
    },
    /** Waits for a page whose address satisfies `predicate` (one the browser or the extension opened); returns it. */
    async waitForTab(predicate, { timeout = WAIT, message = 'a tab' } = {}) {
      const found = await eventually(async () => (await pagesWithUrls()).find((p) => predicate(p.url)), {
        timeout,
        interval: 100,
        message,
      });
      return tab(found.page);
    },
    async tabs() {
      return (await pagesWithUrls()).map(({ page, url }) => ({ tab: tab(page), url }));
    },
    clickNotification: (id) => driver.clickNotification(id),
    fireAlarm: (name) => driver.fireAlarm(name),
    stopBackground: () => driver.stopBackground(),
    backgroundRunning: () => driver.backgroundRunning(),
    /** Waits for a finished download whose file name matches `pattern`; returns its path. */
    async waitForDownload(pattern) {
      // Chromium writes to a .crdownload file and renames it when done; Firefox creates the final name empty and
      // writes to a .part file beside it. Done: the file is there, not empty, and nothing is in progress.
      const name = await eventually(
        () => {
          const files = readdirSync(downloads);
          const done = files.find((f) => pattern.test(f) && statSync(join(downloads, f)).size > 0);
          return !files.some((f) => /\.(part|crdownload)$/.test(f)) && done;
        },
        { message: `a download named like ${pattern}` },
      );
      return join(downloads, name);
    },
    async close() {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
  // The extension opens its welcome tab when installed, into whichever window has the focus then. Waited for
  // here, so that it never lands on top of a tab a test has just opened: a covered tab gets no animation frames,
  // and a wait for a visible element (polled on frames) never ends (the popup's first load in one clean-clone run).
  await launched.waitForTab((url) => url.endsWith('/options.html#welcome'), { message: 'the welcome tab' });
  return launched;
}

/** Chromium with the unpacked extension on the command line; the service worker reached over CDP. */
async function launchChromium(downloads) {
  const { chromium } = ensureEngines(['chromium']);
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
    ignoreDefaultArgs: ['--disable-extensions'],
    downloadBehavior: { policy: 'allow', downloadPath: downloads },
  });
  const isWorker = (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://');
  const first = await browser.waitForTarget(isWorker, { timeout: 30_000 });
  // (URL.origin is "null" for a scheme URL does not know, as chrome-extension:)
  const origin = `chrome-extension://${new URL(first.url()).host}`;
  const ours = (t) => isWorker(t) && t.url().startsWith(`${origin}/`);
  /** Whether our worker runs now, from the browser's own list of targets (puppeteer's copy may lag behind). */
  const running = async () => {
    const session = await browser.target().createCDPSession();
    const { targetInfos } = await session.send('Target.getTargets');
    await session.detach();
    return targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(`${origin}/`));
  };
  /**
   * Runs `fn(arg)` in the running worker (started by any event if it had stopped) and returns its result. The
   * session lives only for this call: a DevTools session left attached to the worker (puppeteer's target.worker()
   * keeps one) makes Chromium start the next worker paused, waiting for that client to say "run"
   * (Inspector.targetReloadedAfterCrash, which puppeteer does not answer: puppeteer issue #9995, crbug 1371432), so
   * after stopBackground() the worker never woke for the store page's message (1 run in 3 under load).
   */
  async function inWorker(fn, arg) {
    const session = await (await browser.waitForTarget(ours, { timeout: WAIT })).createCDPSession();
    try {
      const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
        expression: `(${fn})(${JSON.stringify(arg)})`,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    } finally {
      await session.detach().catch(() => {});
    }
  }

  return {
    browser,
    origin,
    // Nothing outside Chromium's UI can click a notification or ring an alarm: the event goes to the worker's own
    // chrome.notifications.onClicked / chrome.alarms.onAlarm listeners, with what Chromium would pass them.
    async clickNotification(id) {
      await inWorker((n) => void chrome.notifications.onClicked.dispatch(n), id);
    },
    // The worker's listeners return their work, and Chromium's dispatch() hands their results back.
    async fireAlarm(name) {
      await inWorker(async (alarmName) => {
        const alarm = await chrome.alarms.get(alarmName);
        if (!alarm) throw new Error(`no alarm ${alarmName}`);
        const { results } = chrome.alarms.onAlarm.dispatch({ ...alarm, scheduledTime: Date.now() });
        await Promise.all(results);
      }, name);
    },
    // What Chromium does to an idle worker (CDP ServiceWorker.stopAllWorkers, from a page of the browser); a busy
    // machine may take well over 5 s to stop it.
    async stopBackground() {
      const page = await browser.newPage();
      const session = await page.createCDPSession();
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
      await eventually(async () => !(await running()), { timeout: 30_000, message: 'the service worker to stop' });
      await session.detach();
      await page.close();
    },
    backgroundRunning: running,
  };
}

/**
 * Firefox ESR with the extension installed as a temporary add-on over WebDriver BiDi. Its privileged (chrome)
 * scope, opened by --remote-allow-system-access, is where the browser's own side of notifications, alarms and
 * the background page can be reached.
 */
async function launchFirefox(downloads) {
  const { firefox } = ensureEngines(['firefox']);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefox,
    headless: true,
    // Also lets BiDi open moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // Headless Firefox keeps notifications in its own alert list only with the non-system backend.
      'alerts.useSystemBackend': false,
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  // Headless, notifications go to Firefox's own alert windows, which leave by themselves once their slide-in
  // animation ends (about 20 s; a busy machine's test can take longer). A desktop's notification centre keeps
  // them until the shopper acts, so the tests do too: each alert window's animation is taken off once it loads.
  await privileged(`
    Services.ww.registerNotification({
      observe(win, topic) {
        if (topic !== 'domwindowopened') return;
        win.addEventListener('DOMContentLoaded', () => {
          if (win.location.href !== 'chrome://global/content/alerts/alert.xhtml') return;
          // Registered after alert.js's own load listener, so this runs after it started the animation.
          win.addEventListener('load', () => win.document.getElementById('alertBox')?.removeAttribute('animate'), {
            once: true,
          });
        }, { once: true });
      },
    });`);
  const id = await browser.installExtension(EXTENSION_DIR);
  if (id !== GECKO_ID) throw new Error(`installed as ${id}, expected ${GECKO_ID} (manifest.json)`);

  /** Runs `body` (statements; `extension` is the add-on's parent-process object) in Firefox's chrome scope. */
  async function privileged(body) {
    const { connection } = browser;
    const { result: tree } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const expression = `(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
      const api = (name) => extension.apiManager.getAPI(name, extension, 'addon_parent');
      ${body}
    })()`;
    const { result } = await connection.send('script.evaluate', {
      expression,
      target: { context: tree.contexts[0].context },
      awaitPromise: true,
    });
    if (result.type === 'exception') throw new Error(`Firefox: ${result.exceptionDetails.text}`);
    return result.result.value;
  }

  return {
    browser,
    origin: `moz-extension://${FIREFOX_UUID}`,
    // What Firefox's alert service tells the notification when the shopper clicks it.
    async clickNotification(notificationId) {
      const shown = await privileged(`
        const notification = api('notifications').notificationsMap.get(${JSON.stringify(notificationId)});
        notification?.observe(null, 'alertclickcallback');
        return Boolean(notification);`);
      if (!shown) throw new Error(`no notification ${notificationId} on screen`);
    },
    // What the alarm's timer does when it runs out; then wait for the background page's listeners, which Firefox
    // tracks (to keep an event page awake until they are done).
    async fireAlarm(name) {
      const exists = await privileged(`
        const alarm = api('alarms').alarms.get(${JSON.stringify(name)});
        if (!alarm) return false;
        alarm.observe();
        await Promise.allSettled([...(extension.backgroundContext?.runListenerPromises ?? [])]);
        return true;`);
      if (!exists) throw new Error(`no alarm ${name}`);
    },
    // What Firefox does to an idle event page.
    async stopBackground() {
      await privileged(`await extension.terminateBackground({ ignoreDevToolsAttached: true });`);
      await eventually(async () => (await privileged('return extension.backgroundState;')) === 'stopped', {
        message: 'the background page to stop',
      });
    },
    async backgroundRunning() {
      return (await privileged('return extension.backgroundState;')) === 'running';
    },
  };
}

/** The badge text the extension shows now (read from one of its pages). */
export function badgeText(extensionTab) {
  return extensionTab.evaluate(() => chrome.action.getBadgeText({}));
}

/** Turns tracking on through the extension's real options page; returns that page, left open. */
export async function turnTrackingOn(browser) {
  const options = await browser.extensionPage('options.html');
  await options.waitFor('body[data-ready="true"]');
  await options.check('#tracking');
  await options.waitFor('body[data-tracking="true"]');
  return options;
}

/**
 * Opens `url` (a store page) in a new window that records every `ack` the extension's content script posts back
 * to it (`window.fenqiAcks`, kept per document, so again after a reload); waits for the ack of the page's
 * `plans` announcement unless `waitFor` is false. The background replies only after it has stored the plans,
 * redone the badge and shown any reminder that fell due, so the ack is the moment to look.
 */
export async function openStorePage(browser, url, { waitFor = 'plans' } = {}) {
  const tab = await browser.newTab();
  await tab.page.evaluateOnNewDocument(() => {
    window.fenqiAcks = [];
    window.addEventListener('message', (event) => {
      if (event.source === window && event.data?.fenqi === 1 && event.data.type === 'ack')
        window.fenqiAcks.push(event.data.payload);
    });
  });
  await tab.goto(url);
  if (waitFor) await nextAck(tab, waitFor);
  return tab;
}

/** Waits for the content script's ack of the page's `of` message (the first one this document got); returns it. */
export function nextAck(tab, of = 'plans', { timeout = WAIT } = {}) {
  return tab.waitForFunction((type) => window.fenqiAcks?.find((a) => a.of === type), of, { timeout });
}

/** The ids of the extension's notifications on screen (`chrome.notifications.getAll()` from one of its pages). */
export async function notificationIds(extensionTab) {
  return Object.keys(await extensionTab.evaluate(() => chrome.notifications.getAll())).sort();
}
