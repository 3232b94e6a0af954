// `npm run dev`: rebuild on every change (rollup in watch mode), serve the demo store, and reload the store's open
// pages after each rebuild. The demo store itself (dist/demo/server.mjs, restarted after each rebuild) listens on
// a private port; in front of it, on PORT (default 4173), a small proxy adds a reload script to every HTML page
// and tells those pages, over server-sent events, when a rebuild finished. The extension in dist/extension is
// rebuilt too: reload it in the browser's extensions page to pick that up.
import { readdirSync, watch as watchFiles } from 'node:fs';
import { request, createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { watch } from 'rollup';
import configs from '../rollup.config.mjs';

const PORT = Number(process.env.PORT ?? 4173);
const HOST = process.env.HOST ?? '127.0.0.1';
const RELOAD_PATH = '/__fenqi-dev/reload';
/** Served as a file, not inline, so it runs under the demo pages' own content security policy. */
const CLIENT_PATH = '/__fenqi-dev/client.js';
const CLIENT = `new EventSource(${JSON.stringify(RELOAD_PATH)}).addEventListener('reload', () => location.reload());\n`;
/** Files the build copies rather than imports (the manifest, the extension's pages, styles, messages, icons). */
const COPIED = [
  'manifest.json',
  ...readdirSync('extension', { recursive: true })
    .filter((f) => /\.(html|css|json|png)$/.test(f))
    .map((f) => join('extension', f)),
];

const listeners = new Set();
function reloadPages() {
  for (const res of listeners) res.write('event: reload\ndata: now\n\n');
}

let demo;
let generation = 0;
/** (Re)starts the demo store from the freshly built server module. */
async function restartDemo() {
  await demo?.close();
  const url = `${pathToFileURL(resolve('dist/demo/server.mjs'))}?build=${++generation}`;
  const { startServer } = await import(url);
  demo = await startServer({ port: 0, host: '127.0.0.1', dataDir: process.env.DEMO_DATA ?? '.demo-data' });
}

/** Forwards a request to the demo store; adds the reload script to HTML pages. */
function proxy(req, res) {
  if (req.url === RELOAD_PATH) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(': connected\n\n');
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
    return;
  }
  if (req.url === CLIENT_PATH) {
    return res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(CLIENT);
  }
  if (!demo) return res.writeHead(503, { 'content-type': 'text/plain' }).end('building…');
  const upstream = request(
    { host: '127.0.0.1', port: demo.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      if (!String(answer.headers['content-type']).startsWith('text/html')) {
        res.writeHead(answer.statusCode, answer.headers);
        return answer.pipe(res);
      }
      const chunks = [];
      answer.on('data', (c) => chunks.push(c));
      answer.on('end', () => {
        const tag = `<script type="module" src="${CLIENT_PATH}"></script>`;
        const html = Buffer.concat(chunks).toString('utf8');
        const body = html.includes('</body>') ? html.replace('</body>', `${tag}</body>`) : html + tag;
        const headers = { ...answer.headers };
        delete headers['content-length'];
        res.writeHead(answer.statusCode, headers).end(body);
      });
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`demo store: ${error.message}`);
  });
  req.pipe(upstream);
}

/** Makes the build that writes the extension's files also watch the files it copies. */
function watchCopied() {
  return {
    name: 'fenqi-dev-watch-copied',
    buildStart() {
      for (const path of COPIED) this.addWatchFile(resolve(path));
    },
  };
}

// Unminified (no terser): a rebuild takes a fraction of the time, and stack traces read as the source does.
const watched = configs.map((config) => {
  const plugins = config.plugins.filter((plugin) => plugin?.name !== 'terser');
  if (config.output?.file === 'dist/extension/service-worker.js') plugins.push(watchCopied());
  return { ...config, plugins, watch: { clearScreen: false } };
});

createServer(proxy).listen(PORT, HOST, () => {
  const url = `http://${HOST}:${PORT}/`;
  console.log(`fenqi dev: the demo store at ${url} (${url}bills), reloading after every rebuild`);
  console.log(`  the extension is rebuilt in ${resolve('dist/extension')}: reload it in the browser to pick it up`);
});

// demo/public is read by the server on each request: a change there needs only a reload.
watchFiles('demo/public', { recursive: true }, () => reloadPages());

let started = Date.now();
watch(watched).on('event', async (event) => {
  if (event.code === 'START') started = Date.now();
  if (event.code === 'ERROR') console.error(`fenqi dev: build failed: ${event.error.message}`);
  if (event.result) event.result.close();
  if (event.code === 'END') {
    try {
      await restartDemo();
      console.log(`fenqi dev: rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s; reloading the open pages`);
      reloadPages();
    } catch (error) {
      console.error(`fenqi dev: the demo store did not start: ${error.message}`);
    }
  }
});
