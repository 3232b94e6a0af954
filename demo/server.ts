/**
 * The demo store: a product page with the plan selector, and "我的分期" with the bill panel, served with the
 * built widget and a merchant API backed by PostgreSQL (embedded PGlite by default). Plain Node, no framework.
 *
 *   node dist/demo/server.mjs   # PORT (default 4173), HOST (default 127.0.0.1), DEMO_DATA (default .demo-data),
 *                               # STORE_TIME_ZONE (default Asia/Shanghai: the store's business date),
 *                               # DATABASE_URL (postgres://…; default: the embedded database in DEMO_DATA/pglite),
 *                               # PUBLIC_ORIGIN (default http://HOST:PORT: the address shoppers use),
 *                               # SESSION_SECRET (default: a key made once and kept in the database),
 *                               # REVIEW_DELAY_MS (default 10000: how long a new plan is under review)
 *
 * Who is asking: a signed session cookie (demo/session.ts). Opening a page without one signs in the first demo
 * shopper; the pages offer a switch to the other. The API answers only with the session's own plans.
 * What may ask: a state change needs the store's own `Origin` (and the HTML forms a CSRF token); every answer
 * forbids framing (demo/pages.ts). Where the store is: PUBLIC_ORIGIN, never the request's `Host`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { calendarDate } from '../shared/dates.js';
import { CATALOGUE } from './catalogue.js';
import { checkoutForm, loadConfig, priceOrder } from './checkout.js';
import { closedOrderText, confirmHref, confirmValues, passwordErrorText, payValues } from './order-pages.js';
import { orders, type Authorized, type Order } from './orders.js';
import { DEMO_PAYMENT_PASSWORDS } from './seed.js';
import { verification } from './verification.js';
import { findProduct } from './catalogue.js';
import { openDatabase } from './db.js';
import { HttpError, readForm, readJson, sendJson } from './http.js';
import { merchantApi, type ApiAnswer } from './merchant-api.js';
import { productValues, sendFile, sendFormError, sendPage, setSecurityHeaders, wantsJson } from './pages.js';
import { loadSecret, sessions, type Session, type Sessions } from './session.js';
import { DEFAULT_REVIEW_DELAY_MS } from './review.js';
import { prepareData } from './setup.js';
import { dumpTables, listShoppers, type Shopper } from './store.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PUBLIC = join(ROOT, 'demo', 'public');
const WIDGET = join(ROOT, 'dist', 'widget');
const CONFIG = join(PUBLIC, 'config.json');
const MIGRATIONS = join(ROOT, 'demo', 'migrations');
const CACHE = join(ROOT, 'node_modules', '.cache', 'fenqi-demo');

const PLAN_ROUTE = /^\/plans\/([^/]+)\/(repayments|preferred-method)$/;
/** Pages a shopper switch may return to. */
const PAGES = new Set(['/', '/bills']);

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
  /** The store's address as shoppers' browsers see it; default `http://HOST:PORT`. */
  publicOrigin?: string | undefined;
  /** Signs session cookies (≥ 32 characters); default: a key made once and kept in the database. */
  sessionSecret?: string | undefined;
  /** Where the server writes its log (demo SMS codes included); console.log by default. */
  log?: (line: string) => void;
  /** The store's business time zone: its date is the date plans are shown and charged at. */
  timeZone?: string;
  /** The clock sessions and verification codes expire by (tests move it on). */
  now?: () => number;
  /** How long a new plan stays under the provider's review before it is decided (demo/review.ts). */
  reviewDelayMs?: number;
}

export interface DemoServer {
  url: string;
  port: number;
  /** The store's origin: in the plans it serves, and the only `Origin` it takes a state change from. */
  origin: string;
  /** 'pglite' (embedded, in dataDir) or 'postgres' (DATABASE_URL). */
  database: 'pglite' | 'postgres';
  /** Stops taking requests, then closes the database (and frees the embedded one's folder). */
  close: () => Promise<void>;
  /** Every row of every table, as text: for tests that check a refused request wrote nothing. */
  dump: () => Promise<Record<string, unknown[]>>;
}

function checkedOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_ORIGIN ${value} is not a URL`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== value.replace(/\/$/, '')) {
    throw new Error(`PUBLIC_ORIGIN must be an origin such as https://shop.example, not ${value}`);
  }
  return url.origin;
}

export async function startServer({
  port = 4173,
  host = '127.0.0.1',
  dataDir = '.demo-data',
  log = console.log,
  timeZone = 'Asia/Shanghai',
  databaseUrl,
  publicOrigin,
  sessionSecret,
  now = Date.now,
  reviewDelayMs = DEFAULT_REVIEW_DELAY_MS,
}: ServerOptions = {}): Promise<DemoServer> {
  if (!Number.isSafeInteger(reviewDelayMs) || reviewDelayMs < 0) {
    throw new Error(`REVIEW_DELAY_MS must be a whole number of milliseconds, not ${reviewDelayMs}`);
  }
  // The merchant's business date, whatever zone the machine is set to: the date the API answers with
  // (`asOf`) and the date it charges at, so what the shopper was shown is what is charged.
  const businessDate = () => calendarDate(now(), timeZone);
  businessDate(); // an unknown zone fails here, at start, not on the first request
  let origin = publicOrigin === undefined ? '' : checkedOrigin(publicOrigin);
  const folder = resolve(dataDir);
  const db = await openDatabase({ databaseUrl, dataDir: folder, migrationsDir: MIGRATIONS, cacheDir: CACHE, log });
  let auth: Sessions;
  let shoppers: Shopper[];
  try {
    await prepareData(db, { dataDir: folder, today: businessDate(), log });
    auth = sessions(await loadSecret(db, sessionSecret), {
      secure: origin.startsWith('https:'),
      now,
    });
    shoppers = await db.transaction(listShoppers);
  } catch (error) {
    await db.close();
    throw error;
  }
  const merchant = merchantApi({ db, today: businessDate, log, keys: auth, now });
  const shop = orders({ codes: verification(auth, now), now, reviewDelayMs });

  function allow(req: IncomingMessage, ...methods: string[]): void {
    if (!methods.includes(req.method ?? '')) {
      throw new HttpError(405, 'method-not-allowed', `Use ${methods.join(' or ')} here`);
    }
  }

  function signedIn(req: IncomingMessage): Session {
    const session = auth.read(req);
    if (!session || !shoppers.some((s) => s.id === session.shopperId)) {
      throw new HttpError(401, 'not-signed-in', 'Open the store’s page to sign in, then try again');
    }
    return session;
  }

  /**
   * A state change comes from the store's own pages: browsers send `Origin` with every POST and PUT, and a
   * page on another site cannot make them send ours. No `Origin` (an old client, a script) is refused too.
   */
  function sameOrigin(req: IncomingMessage): void {
    const from = req.headers.origin;
    if (from === origin) return;
    throw new HttpError(
      403,
      'cross-site-request',
      from ? `Requests from ${from} cannot change anything here` : 'Send the Origin header of the store’s page',
    );
  }

  async function api(req: IncomingMessage, path: string): Promise<ApiAnswer> {
    if (path === '/config') {
      allow(req, 'GET');
      return { status: 200, body: loadConfig(CONFIG) };
    }
    const { shopperId } = signedIn(req);
    const reads: Record<string, () => Promise<ApiAnswer>> = {
      '/plans': () => merchant.plans(shopperId, origin),
      '/payment-methods': () => merchant.paymentMethods(shopperId),
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
        return merchant.repay(shopperId, id, await readJson(req), origin);
      }
      allow(req, 'PUT');
      return merchant.preferredMethod(shopperId, id, await readJson(req), origin);
    }
    throw new HttpError(404, 'not-found', `No API route ${req.method} ${path}`);
  }

  /** The session of a page view: the request's own, or (none yet) the first demo shopper signed in. */
  function pageSession(req: IncomingMessage): { session: Session; headers: Record<string, string> } {
    const session = auth.read(req);
    if (session && shoppers.some((s) => s.id === session.shopperId)) return { session, headers: {} };
    const started = auth.start(shoppers[0]!.id);
    return { session: started.session, headers: { 'set-cookie': started.setCookie } };
  }

  /** What every page shows of the session: who is signed in, the switch to the other shopper, the form token. */
  function shopperValues(session: Session, page: string): Record<string, string> {
    const current = shoppers.find((s) => s.id === session.shopperId)!;
    const other = shoppers.find((s) => s.id !== session.shopperId)!;
    return {
      shopperName: current.name,
      otherShopperId: other.id,
      otherShopperName: other.name,
      csrf: auth.csrfToken(session),
      page,
    };
  }

  function checkFormToken(session: Session, form: Map<string, string>): void {
    if (!auth.checkCsrf(session, form.get('csrf'))) {
      throw new HttpError(403, 'bad-csrf-token', 'The form has expired; reload the page and try again');
    }
    form.delete('csrf');
  }

  function orderIdOf(fields: Map<string, string>): string {
    const id = fields.get('order') ?? '';
    if (!/^ORD-\d{1,15}$/.test(id)) throw new HttpError(400, 'invalid-request', 'order: expected an order id');
    return id;
  }

  async function findOrder(shopperId: string, id: string): Promise<Order> {
    const order = await db.transaction((sql) => shop.find(sql, shopperId, id, loadConfig(CONFIG)));
    if (!order) throw new HttpError(404, 'unknown-order', `There is no order ${id}`);
    return order;
  }

  /**
   * An order's page: pending, the authorization page (with `error`, the refusal of the last try); authorized,
   * the bills page; closed, what happened and the way back to the confirmation, whose cart it keeps.
   */
  async function sendOrderPage(
    res: ServerResponse,
    session: Session,
    order: Order,
    code: string,
    headers: Record<string, string> = {},
    status = 200,
  ): Promise<void> {
    const product = findProduct(order.productId);
    if (order.status === 'authorized') {
      res.writeHead(303, { location: '/bills', 'cache-control': 'no-store', ...headers });
      res.end();
      return;
    }
    const shopper = shopperValues(session, '/');
    if (order.status === 'pending') {
      const values = { ...payValues(order, product?.name ?? order.productId, code), ...shopper };
      values.demoPassword = DEMO_PAYMENT_PASSWORDS[session.shopperId] ?? '';
      return sendPage(res, PUBLIC, 'pay.html', values, headers, { status });
    }
    const text = closedOrderText(order, code);
    const values = { ...text, confirmHref: confirmHref(order.productId, order.quantity, order.plan), ...shopper };
    return sendPage(res, PUBLIC, 'order-result.html', values, headers, { status });
  }

  /** Checks the payment password for the order and answers the page (or the script) with the outcome. */
  async function answerAuthorization(
    req: IncomingMessage,
    res: ServerResponse,
    session: Session,
    orderId: string,
    password: string,
  ): Promise<void> {
    if (!/^\d{6}$/.test(password)) {
      throw new HttpError(400, 'invalid-request', 'password: expected the 6-digit payment password');
    }
    const rawConfig = loadConfig(CONFIG);
    const result: Authorized = await db.transaction((sql) =>
      shop.authorize(sql, session.shopperId, orderId, password, rawConfig),
    );
    if (result.ok) {
      if (result.booked) log(`order ${orderId}: authorized, ${result.plan.id} under review`);
      if (wantsJson(req)) return sendJson(res, 201, { plan: { ...result.plan, origin }, order: result.order });
      res.writeHead(303, { location: '/bills', 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const { status, body } = result.refusal;
    log(`order ${orderId}: authorization refused (${body.error.code})`);
    if (wantsJson(req)) {
      const wait = body.error.retryAfter;
      return sendJson(res, status, { ...body, order: result.order }, wait ? { 'retry-after': String(wait) } : {});
    }
    if (!result.order) throw new HttpError(status, body.error.code, body.error.message);
    const text = result.order.status === 'pending' ? passwordErrorText(body.error.code, body.error) : body.error.code;
    return sendOrderPage(res, session, result.order, text, {}, status);
  }

  const server = createServer(async (req, res) => {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      // The store answers under its own name only: a request for another host (DNS rebinding, a forged Host)
      // gets nothing, and nothing the store says or stores ever comes from the Host header.
      if (req.headers.host !== new URL(origin).host) {
        // A person who typed another name for the store (localhost for 127.0.0.1) is sent to its own address;
        // nothing else is answered, so a rebound or forged name reads no data.
        if (req.method === 'GET' && PAGES.has(url.pathname)) {
          res.writeHead(308, { location: new URL(url.pathname, origin).href, 'cache-control': 'no-store' });
          return res.end();
        }
        throw new HttpError(421, 'wrong-host', `This store is ${origin}`);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') sameOrigin(req);
      if (url.pathname.startsWith('/api/')) {
        const { status, body } = await api(req, url.pathname.slice(4));
        // A wait the body states in seconds (too many codes, a lockout) is also said the standard way.
        const wait = (body as { error?: { retryAfter?: number } } | null)?.error?.retryAfter;
        return sendJson(res, status, body, wait === undefined ? {} : { 'retry-after': String(wait) });
      }
      if (url.pathname === '/confirm') {
        // 确认订单: the cart and plan in the address (nothing is written until 提交订单), priced and quoted here.
        try {
          allow(req, 'GET', 'HEAD');
          const { session, headers } = pageSession(req);
          const form = checkoutForm(new Map(url.searchParams));
          const { values, raw } = confirmValues(priceOrder(loadConfig(CONFIG), form, businessDate()));
          const page = { ...values, ...shopperValues(session, '/') };
          return await sendPage(res, PUBLIC, 'confirm.html', page, headers, { raw });
        } catch (error) {
          if (error instanceof HttpError) return sendFormError(req, res, error);
          throw error;
        }
      }
      if (url.pathname === '/checkout') {
        // 提交订单: the order is stored and waits for the shopper's authorization at the provider.
        try {
          allow(req, 'POST');
          const session = signedIn(req);
          const fields = await readForm(req);
          checkFormToken(session, fields);
          // A script may authorize in the same request (its password checked like the page's); a page may not.
          const password = fields.get('password');
          fields.delete('password');
          const form = checkoutForm(fields);
          const rawConfig = loadConfig(CONFIG);
          const priced = priceOrder(rawConfig, form, businessDate());
          const order = await db.transaction((sql) => shop.submit(sql, session.shopperId, priced, rawConfig));
          log(`order ${order.id}: ${priced.form.product.name} ×${form.quantity}, waiting for its authorization`);
          if (password !== undefined) {
            return await answerAuthorization(req, res, session, order.id, password);
          }
          // Answered only once committed: a shopper (or script) told "done" finds the order, whatever happens next.
          if (wantsJson(req)) return sendJson(res, 202, { order });
          res.writeHead(303, { location: `/pay?order=${encodeURIComponent(order.id)}`, 'cache-control': 'no-store' });
          return res.end();
        } catch (error) {
          if (error instanceof HttpError) return sendFormError(req, res, error);
          throw error;
        }
      }
      if (url.pathname === '/pay') {
        // The installment provider's authorization page, as the demo simulates it.
        try {
          if (req.method === 'POST') {
            const session = signedIn(req);
            const fields = await readForm(req);
            checkFormToken(session, fields);
            return await answerAuthorization(req, res, session, orderIdOf(fields), fields.get('password') ?? '');
          }
          allow(req, 'GET', 'HEAD');
          const { session, headers } = pageSession(req);
          const order = await findOrder(session.shopperId, url.searchParams.get('order') ?? '');
          return await sendOrderPage(res, session, order, '', headers);
        } catch (error) {
          if (error instanceof HttpError) return sendFormError(req, res, error);
          throw error;
        }
      }
      if (url.pathname === '/pay/cancel') {
        try {
          allow(req, 'POST');
          const session = signedIn(req);
          const fields = await readForm(req);
          checkFormToken(session, fields);
          const id = orderIdOf(fields);
          const rawConfig = loadConfig(CONFIG);
          const order = await db.transaction((sql) => shop.cancel(sql, session.shopperId, id, rawConfig));
          log(`order ${order.id}: authorization cancelled, no plan`);
          if (wantsJson(req)) return sendJson(res, 200, { order });
          return await sendOrderPage(res, session, order, 'cancelled');
        } catch (error) {
          if (error instanceof HttpError) return sendFormError(req, res, error);
          throw error;
        }
      }
      if (url.pathname === '/demo/shopper') {
        // Demo only: the switch between the two demo shoppers (a real store has its own sign-in).
        allow(req, 'POST');
        const fields = await readForm(req);
        checkFormToken(signedIn(req), fields);
        const next = shoppers.find((s) => s.id === fields.get('shopper'));
        if (!next) throw new HttpError(400, 'invalid-request', 'shopper: not a demo shopper');
        const back = fields.get('page') ?? '/';
        res.writeHead(303, {
          location: PAGES.has(back) ? back : '/',
          'set-cookie': auth.start(next.id).setCookie,
          'cache-control': 'no-store',
        });
        return res.end();
      }
      if (url.pathname === '/demo/sms') {
        allow(req, 'GET');
        return sendJson(res, 200, { messages: merchant.outbox(signedIn(req).shopperId) });
      }
      allow(req, 'GET', 'HEAD');
      if (url.pathname.startsWith('/fenqi/')) return await sendFile(res, WIDGET, url.pathname.slice('/fenqi/'.length));
      if (url.pathname === '/') {
        const { session, headers } = pageSession(req);
        // Back from the confirmation to change the plan: the cart (quantity) and the choice come along.
        const values = {
          ...productValues(CATALOGUE[0]!, url.searchParams.get('quantity'), url.searchParams.get('plan')),
          ...shopperValues(session, '/'),
        };
        return await sendPage(res, PUBLIC, 'index.html', values, headers);
      }
      if (url.pathname === '/bills') {
        const { session, headers } = pageSession(req);
        // The panel shows the bills on the store's business date, the date a repayment is charged at.
        const values = { asOf: businessDate(), ...shopperValues(session, '/bills') };
        return await sendPage(res, PUBLIC, 'bills.html', values, headers);
      }
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
  if (!origin) origin = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${actual}`).origin;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`,
    port: actual,
    origin,
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
  if (process.env.FENQI_CONTRACT_CHECK === '1') {
    // Tests only (test/helpers/demo-process.mjs sets it): every answer is checked against
    // docs/merchant-api.openapi.yaml before it is sent, and one that breaks it becomes `500 contract-violation`
    // plus a line on stderr. The checker lives with the tests and is never loaded without the variable.
    const checker = pathToFileURL(join(ROOT, 'test', 'helpers', 'contract.mjs')).href;
    const { checkEveryAnswer } = (await import(checker)) as { checkEveryAnswer: () => void };
    checkEveryAnswer();
  }
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DEMO_DATA ?? '.demo-data';
  const demo = await startServer({
    port: Number(process.env.PORT ?? 4173),
    host: process.env.HOST ?? '127.0.0.1',
    dataDir,
    timeZone: process.env.STORE_TIME_ZONE || 'Asia/Shanghai',
    databaseUrl,
    publicOrigin: process.env.PUBLIC_ORIGIN || undefined,
    sessionSecret: process.env.SESSION_SECRET || undefined,
    ...(process.env.REVIEW_DELAY_MS ? { reviewDelayMs: Number(process.env.REVIEW_DELAY_MS) } : {}),
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
