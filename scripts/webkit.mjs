// WebKit for tests and the bench: WebKitGTK's MiniBrowser driven by WebKitWebDriver (plain W3C WebDriver over
// HTTP), under `xvfb-run` because MiniBrowser needs a display. No client library: the few commands used here
// are plain JSON over fetch. `webkitLauncher()` is a web-test-runner BrowserLauncher on top of it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ensureWebKit } from './browsers.mjs';

/** A free TCP port on 127.0.0.1 (WebKitWebDriver takes a port number, not 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts WebKitWebDriver under xvfb-run with `env` added to its environment (MiniBrowser inherits it, so `TZ`
 * sets the browser's time zone). Returns `{ newSession(capabilities), stop() }`.
 */
export async function startWebKitDriver({ env = {} } = {}) {
  const { driver, browser, xvfbRun } = ensureWebKit();
  const port = await freePort();
  // A process group of its own, so stop() ends xvfb-run, Xvfb, the driver and MiniBrowser together.
  const child = spawn(xvfbRun, ['-a', driver, `--port=${port}`], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;

  async function call(method, path, body) {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`WebKitWebDriver ${method} ${path}: ${json.value?.message ?? response.status}`);
    return json.value;
  }

  // Wait for the driver to answer (it takes a second or two to start), or for it to die.
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await call('GET', '/status')).ready !== false) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error(`WebKitWebDriver did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const sessions = new Set();
  return {
    /** A W3C session (one MiniBrowser): `cmd(method, path, body)` runs a command under /session/<id>. */
    async newSession(capabilities = {}) {
      const { sessionId } = await call('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            'webkitgtk:browserOptions': { binary: browser, args: ['--automation'] },
            ...capabilities,
          },
        },
      });
      sessions.add(sessionId);
      return {
        id: sessionId,
        cmd: (method, path, body) => call(method, `/session/${sessionId}${path}`, body),
        async close() {
          sessions.delete(sessionId);
          await call('DELETE', `/session/${sessionId}`).catch(() => {});
        },
      };
    },
    async stop() {
      for (const id of sessions) await call('DELETE', `/session/${id}`).catch(() => {});
      sessions.clear();
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        await exited;
      }
    },
  };
}

/** WebDriver key codes for the key names tests press (as in `sendKeys({ press: 'Tab' })`). */
const KEYS = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Space: ' ',
  Backspace: '\uE003',
  Delete: '\uE017',
  Home: '\uE011',
  End: '\uE010',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
};

/**
 * A web-test-runner launcher for WebKit. Each test file gets a MiniBrowser window of its own (windows are
 * reused once a file is done): every window is shown on the virtual display, so none is a hidden background
 * page without animation frames. WebDriver has one "current window" per session, so commands go through a
 * queue that switches to the session's window first. `type: 'webdriver'` with `sendKeys()` lets
 * @web/test-runner-commands' `sendKeys` work here.
 */
export function webkitLauncher({ timezone, concurrency = 1 } = {}) {
  let driver;
  let session;
  let starting;
  let queue = Promise.resolve();
  const free = [];
  const windows = new Map(); // wtr session id → { handle, url }

  /** Runs `job` after every earlier command, with `handle` as WebDriver's current window. */
  function serial(handle, job) {
    const run = queue.then(async () => {
      if (handle) await session.cmd('POST', '/window', { handle });
      return job();
    });
    queue = run.catch(() => {});
    return run;
  }

  async function browser() {
    starting ??= (async () => {
      driver = await startWebKitDriver({ env: timezone ? { TZ: timezone } : {} });
      // 'none': navigation returns at once; wtr learns that a page loaded from the page itself.
      session = await driver.newSession({ pageLoadStrategy: 'none' });
      free.push((await session.cmd('GET', '/window')) ?? (await session.cmd('GET', '/window/handles'))[0]);
    })();
    return starting;
  }

  return {
    name: 'WebKit',
    type: 'webdriver',
    concurrency,
    async initialize() {},
    async stop() {
      await driver?.stop();
    },
    async startSession(id, url) {
      await browser();
      const handle =
        free.pop() ?? (await serial(null, () => session.cmd('POST', '/window/new', { type: 'window' }))).handle;
      windows.set(id, { handle, url });
      await serial(handle, () => session.cmd('POST', '/url', { url }));
    },
    isActive: (id) => windows.has(id),
    getBrowserUrl: (id) => windows.get(id)?.url,
    async stopSession(id) {
      const window = windows.get(id);
      windows.delete(id);
      if (window) {
        // Leave the test page so none of its timers run on; the window waits for the next file.
        await serial(window.handle, () => session.cmd('POST', '/url', { url: 'about:blank' }));
        free.push(window.handle);
      }
      return {};
    },
    async startDebugSession() {
      throw new Error('WebKit runs headless under xvfb here: no debug session');
    },
    /** For @web/test-runner-commands' sendKeys: keys are characters or key names such as 'Tab'. */
    async sendKeys(id, keys) {
      const { handle } = windows.get(id);
      const actions = keys
        .map((k) => KEYS[k] ?? k)
        .flatMap((value) => [
          { type: 'keyDown', value },
          { type: 'keyUp', value },
        ]);
      await serial(handle, () =>
        session.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] }),
      );
    },
  };
}

/**
 * A WebKit page for scripts such as the bench: `goto(url)` waits for the load, `evaluate(fn, arg)` runs `fn(arg)` in
 * the page and resolves with its (JSON) result, like puppeteer's and playwright's `page.evaluate`. `close()` ends
 * the browser.
 */
export async function webkitPage() {
  const driver = await startWebKitDriver();
  const session = await driver.newSession({ pageLoadStrategy: 'normal', timeouts: { script: 300_000 } });
  return {
    goto: (url) => session.cmd('POST', '/url', { url }),
    async evaluate(fn, arg) {
      const script = `const done = arguments[1];
        Promise.resolve((${fn})(arguments[0])).then(
          (value) => done({ value }),
          (error) => done({ error: String(error && error.stack || error) }),
        );`;
      const { value, error } = await session.cmd('POST', '/execute/async', { script, args: [arg ?? null] });
      if (error) throw new Error(`in WebKit: ${error}`);
      return value;
    },
    close: () => driver.stop(),
  };
}
