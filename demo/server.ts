/**
 * The demo store: a product page with the plan selector, and "我的分期" with the bill panel, served with the
 * built widget and a merchant API backed by a JSON file. Plain Node, no framework.
 *
 *   node dist/demo/server.mjs            # PORT (default 4173), HOST (default 127.0.0.1), DEMO_DATA (default .demo-data)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonStore } from './store.js';
import { seedStore } from './seed.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PUBLIC = join(ROOT, 'demo', 'public');
const WIDGET = join(ROOT, 'dist', 'widget');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The shopper's "today" for seeding: the server's local calendar date. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function sendFile(res: ServerResponse, base: string, relative: string): Promise<void> {
  const file = normalize(join(base, relative));
  if (!file.startsWith(base + sep)) throw new HttpError(404, 'not-found', 'No such page');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    throw new HttpError(404, 'not-found', 'No such page');
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  res.end(body);
}

const PAGES: Record<string, string> = { '/': 'index.html', '/bills': 'bills.html' };

export function startServer({ port = 4173, host = '127.0.0.1', dataDir = '.demo-data' } = {}) {
  const store = new JsonStore(resolve(dataDir), () => seedStore(localToday()));

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
    if (req.method === 'GET' && path === '/plans') {
      return sendJson(res, 200, { plans: store.read().plans.map((p) => ({ ...p, origin })) });
    }
    if (req.method === 'GET' && path === '/payment-methods') {
      return sendJson(res, 200, { paymentMethods: store.read().paymentMethods });
    }
    throw new HttpError(404, 'not-found', `No API route ${req.method} ${path}`);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname.startsWith('/api/')) return await api(req, res, url.pathname.slice(4));
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method-not-allowed', 'Only GET here');
      if (url.pathname.startsWith('/fenqi/')) return await sendFile(res, WIDGET, url.pathname.slice('/fenqi/'.length));
      return await sendFile(res, PUBLIC, PAGES[url.pathname] ?? url.pathname.slice(1));
    } catch (error) {
      const known = error instanceof HttpError ? error : new HttpError(500, 'internal', 'Something went wrong');
      if (!(error instanceof HttpError)) console.error(error);
      sendJson(res, known.status, { error: { code: known.code, message: known.message } });
    }
  });

  return new Promise<{ url: string; close: () => Promise<void> }>((done) => {
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      done({ url: `http://${host}:${actual}/`, close: () => new Promise((closed) => server.close(() => closed())) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await startServer({
    port: Number(process.env.PORT ?? 4173),
    host: process.env.HOST ?? '127.0.0.1',
    dataDir: process.env.DEMO_DATA ?? '.demo-data',
  });
  console.log(`fenqi demo store: ${url}`);
  console.log(`  my installments (我的分期): ${url}bills`);
  console.log(`  unpacked extension folder: ${join(ROOT, 'dist', 'extension')}`);
  console.log('  (chrome://extensions → Developer mode → Load unpacked → choose that folder)');
}
