/**
 * The demo store: a product page with the plan selector, and "我的分期" with the bill panel, served with the
 * built widget and a merchant API backed by PostgreSQL (embedded PGlite by default). Plain Node, no framework.
 *
 *   node dist/demo/server.mjs   # PORT (default 4173), HOST (default 127.0.0.1), DEMO_DATA (default .demo-data),
 *                               # STORE_TIME_ZONE (default Asia/Shanghai: the store's business date),
 *                               # DATABASE_URL (postgres://…; default: the embedded database in DEMO_DATA/pglite)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE, type Product } from './catalogue.js';
import { checkout, checkoutForm, loadConfig } from './checkout.js';
import { HttpError, readForm, readJson, sendJson } from './http.js';
import { merchantApi, type ApiAnswer } from './merchant-api.js';
import { calendarDate } from '../shared/dates.js';
import { formatFen } from '../shared/format.js';
import { openDatabase } from './db.js';
import { prepareData } from './setup.js';
import { dumpTables } from './store.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PUBLIC = join(ROOT, 'demo', 'public');
const WIDGET = join(ROOT, 'dist', 'widget');
const CONFIG = join(PUBLIC, 'config.json');
const MIGRATIONS = join(ROOT, 'demo', 'migrations');
const CACHE = join(ROOT, 'node_modules', '.cache', 'fenqi-demo');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

async function sendFile(res: ServerResponse, base: string, relative: string): Promise<void> {
  const file = normalize(join(base, relative));
  if (!file.startsWith(base + sep)) throw new HttpError(404, 'not-found', 'No such page');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    throw new HttpError(404, 'not-found', 'No such page');
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  res.end(body);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const wantsJson = (req: IncomingMessage) => (req.headers.accept ?? '').includes('application/json');

/** A checkout the store refused, for a person who submitted the form (JSON for scripts that ask for it). */
function sendCheckoutError(req: IncomingMessage, res: ServerResponse, error: HttpError): void {
  if (wantsJson(req)) {
    return sendJson(res, error.status, { error: { code: error.code, message: error.message } });
  }
  res.writeHead(error.status, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>下单失败 · fenqi demo store</title>
<link rel="stylesheet" href="/demo.css"><main><h1>下单失败</h1><p role="alert">${escapeHtml(error.message)}</p>
<p><a href="/">返回商品页</a></p></main></html>`);
}

/** A page of demo/public with its `{{name}}` placeholders filled in (HTML-escaped) from `values`. */
async function sendPage(res: ServerResponse, file: string, values: Record<string, string>): Promise<void> {
  const template = await readFile(join(PUBLIC, file), 'utf8');
  res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
  res.end(template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => escapeHtml(values[key] ?? '')));
}

/** The product page's values from the catalogue: the price shown is the price the server charges. */
function productValues(product: Product): Record<string, string> {
  return {
    id: product.id,
    name: product.name,
    price: String(product.price),
    priceYuan: `${Math.floor(product.price / 100)}.${String(product.price % 100).padStart(2, '0')}`,
    priceText: formatFen(product.price),
    maxQuantity: String(product.maxQuantity),
  };
}

const PLAN_ROUTE = /^\/plans\/([^/]+)\/(repayments|preferred-method)$/;

export interface ServerOptions {
  port?: number;
  host?: string;
  /**
   * Folder of the embedded database (`pglite/`); the same folder after a restart gives back the same plans. A
   * `store.json` left there by an earlier demo version is imported once.
   */
  dataDir?: string;
  /** `postgres://…`: keep the data in this PostgreSQL database instead (several servers may share it). */
  databaseUrl?: string | undefined;
  /** Where the server writes its log (demo SMS codes included); console.log by default. */
  log?: (line: string) => void;
  /** The store's business time zone: its date is the date plans are shown and charged at. */
  timeZone?: string;
}

/** The demo has no sign-in yet: every request is the first demo shopper's. */
const DEMO_SHOPPER = 'shopper-1';

export interface DemoServer {
  url: string;
  port: number;
  /** 'pglite' (embedded, in dataDir) or 'postgres' (DATABASE_URL). */
  database: 'pglite' | 'postgres';
  /** Stops taking requests, then closes the database (and frees the embedded one's folder). */
  close: () => Promise<void>;
  /** Every row of every table, as text: for tests that check a refused request wrote nothing. */
  dump: () => Promise<Record<string, unknown[]>>;
}

export async function startServer({
  port = 4173,
  host = '127.0.0.1',
  dataDir = '.demo-data',
  log = console.log,
  timeZone = 'Asia/Shanghai',
  databaseUrl,
}: ServerOptions = {}): Promise<DemoServer> {
  // The merchant's business date, whatever zone the machine is set to: the date the API answers with
  // (`asOf`) and the date it charges at, so what the shopper was shown is what is charged.
  const businessDate = () => calendarDate(Date.now(), timeZone);
  businessDate(); // an unknown zone fails here, at start, not on the first request
  const folder = resolve(dataDir);
  const db = await openDatabase({ databaseUrl, dataDir: folder, migrationsDir: MIGRATIONS, cacheDir: CACHE, log });
  try {
    await prepareData(db, { dataDir: folder, today: businessDate(), log });
  } catch (error) {
    await db.close();
    throw error;
  }
  const merchant = merchantApi({ db, today: businessDate, log });

  function allow(req: IncomingMessage, ...methods: string[]): void {
    if (!methods.includes(req.method ?? '')) {
      throw new HttpError(405, 'method-not-allowed', `Use ${methods.join(' or ')} here`);
    }
  }

  async function api(req: IncomingMessage, path: string, origin: string): Promise<ApiAnswer> {
    const shopper = DEMO_SHOPPER;
    const reads: Record<string, () => ApiAnswer | Promise<ApiAnswer>> = {
      '/plans': () => merchant.plans(shopper, origin),
      '/payment-methods': () => merchant.paymentMethods(shopper),
      '/config': () => ({ status: 200, body: loadConfig(CONFIG) }),
    };
    const read = reads[path];
    if (read) {
      allow(req, 'GET');
      return read();
    }
    const route = PLAN_ROUTE.exec(path);
    if (route) {
      let id: string;
      try {
        id = decodeURIComponent(route[1]!);
      } catch {
        throw new HttpError(400, 'invalid-request', 'The plan id in the path is not valid');
      }
      if (route[2] === 'repayments') {
        allow(req, 'POST');
        return merchant.repay(shopper, id, await readJson(req), origin);
      }
      allow(req, 'PUT');
      return merchant.preferredMethod(shopper, id, await readJson(req), origin);
    }
    throw new HttpError(404, 'not-found', `No API route ${req.method} ${path}`);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
    try {
      if (url.pathname.startsWith('/api/')) {
        const { status, body } = await api(req, url.pathname.slice(4), origin);
        return sendJson(res, status, body);
      }
      if (url.pathname === '/checkout') {
        try {
          allow(req, 'POST');
          const form = checkoutForm(await readForm(req));
          const plan = await checkout(db, DEMO_SHOPPER, loadConfig(CONFIG), form, businessDate());
          log(`checkout: ${plan.id} ${plan.product}, ${plan.installments.length} periods`);
          // Answered only once committed: a shopper (or script) told "done" finds the plan, whatever happens next.
          if (wantsJson(req)) return sendJson(res, 201, { plan: { ...plan, origin } });
          res.writeHead(303, { location: '/bills', 'cache-control': 'no-store' });
          return res.end();
        } catch (error) {
          if (error instanceof HttpError) return sendCheckoutError(req, res, error);
          throw error;
        }
      }
      if (url.pathname === '/demo/sms') {
        allow(req, 'GET');
        return sendJson(res, 200, { messages: merchant.outbox() });
      }
      allow(req, 'GET', 'HEAD');
      if (url.pathname.startsWith('/fenqi/')) return await sendFile(res, WIDGET, url.pathname.slice('/fenqi/'.length));
      if (url.pathname === '/' || url.pathname === '/index.html')
        return await sendPage(res, 'index.html', productValues(CATALOGUE[0]!));
      // The panel shows the bills on the store's business date, the date a repayment is charged at.
      if (url.pathname === '/bills' || url.pathname === '/bills.html')
        return await sendPage(res, 'bills.html', { asOf: businessDate() });
      return await sendFile(res, PUBLIC, url.pathname.slice(1));
    } catch (error) {
      const known = error instanceof HttpError ? error : new HttpError(500, 'internal', 'Something went wrong');
      if (!(error instanceof HttpError)) console.error(error);
      if (!res.headersSent) sendJson(res, known.status, { error: { code: known.code, message: known.message } });
    }
  });

  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, host, () => done());
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    database: db.kind,
    async close() {
      await new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      });
      await db.close();
    },
    dump: () => db.transaction(dumpTables),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DEMO_DATA ?? '.demo-data';
  const demo = await startServer({
    port: Number(process.env.PORT ?? 4173),
    host: process.env.HOST ?? '127.0.0.1',
    dataDir,
    timeZone: process.env.STORE_TIME_ZONE || 'Asia/Shanghai',
    databaseUrl,
  });
  const where = databaseUrl
    ? `PostgreSQL at ${new URL(databaseUrl).host}`
    : `embedded (PGlite) in ${resolve(dataDir, 'pglite')}`;
  console.log(`fenqi demo store: ${demo.url}`);
  console.log(`  my installments (我的分期): ${demo.url}bills`);
  console.log(`  database: ${where}; ready in ${Date.now() - started} ms`);
  console.log(`  unpacked extension folder: ${join(ROOT, 'dist', 'extension')}`);
  console.log('  (chrome://extensions → Developer mode → Load unpacked → choose that folder)');
  // Close the database on Ctrl-C or a stop: the embedded one writes its last pages and frees its folder.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void demo.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
