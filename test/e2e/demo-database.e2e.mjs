// The demo store's database under the conditions a merchant's backend meets: several server processes on one
// PostgreSQL racing for the same installment, retried requests, a process killed (`kill -9`) in the middle of
// a burst of writes, and the embedded database's own folder (an old store.json imported once, one process at a
// time, a crash that leaves no half-written copy behind).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startPostgres } from '../../scripts/postgres.mjs';
import { signIn } from '../helpers/demo-api.mjs';
import { spawnDemoStore, startStore } from '../helpers/demo-process.mjs';

const postgres = await startPostgres();
if (postgres.skip) console.log(`the PostgreSQL tests are skipped: ${postgres.skip}`);
after(() => postgres.stop?.());

/** The address shoppers use for the two servers on PostgreSQL, as a load balancer in front of them would be. */
const SHOP = 'http://shop.fenqi.test';

/**
 * A request to `server` as a shopper's browser makes it through the store's public address `origin` (the Host
 * and Origin headers name the store, not the server process): `{ status, headers, json }`.
 */
function send(server, origin, method, path, { body, type = 'application/json', cookie } = {}) {
  return new Promise((done, fail) => {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: new URL(server.url).port,
        method,
        path,
        headers: {
          host: new URL(origin).host,
          origin,
          accept: 'application/json',
          ...(cookie ? { cookie } : {}),
          ...(text === undefined ? {} : { 'content-type': type, 'content-length': Buffer.byteLength(text) }),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = JSON.parse(raw);
          } catch {
            json = raw;
          }
          done({ status: res.statusCode, headers: res.headers, json });
        });
      },
    );
    req.on('error', fail);
    req.end(text);
  });
}

/** Opens the store's page through `server` (signing in its first demo shopper): `{ cookie, csrf }`. */
async function signInAt(server, origin) {
  const page = await send(server, origin, 'GET', '/');
  assert.equal(page.status, 200);
  return {
    cookie: page.headers['set-cookie'][0].split(';')[0],
    csrf: /name="csrf" value="([^"]+)"/.exec(page.json)[1],
  };
}

/** What plan-2401's installments cost today, as the store says it (a 409 charges nothing). */
async function owedFor(server, origin, session, body) {
  const answer = await send(server, origin, 'POST', '/api/plans/plan-2401/repayments', {
    body: { ...body, expectedTotal: 0 },
    cookie: session.cookie,
  });
  assert.equal(answer.status, 409);
  return answer.json.total;
}

/**
 * Checkouts sent `inFlight` at a time to `servers` in turn until `stop()` says so; every checkout a server
 * answered 201 is an acknowledged write (its plan id is kept). A request to a killed server fails: that write
 * was not acknowledged and may or may not have happened.
 */
function checkoutBurst(servers, origin, session, { inFlight = 8 } = {}) {
  const acked = [];
  let sent = 0;
  let stopping = false;
  const one = async () => {
    while (!stopping) {
      const server = servers[sent++ % servers.length];
      try {
        const answer = await send(server, origin, 'POST', '/checkout', {
          type: 'application/x-www-form-urlencoded',
          // Submitted and authorized with 张三's payment password (demo/seed.ts) in one request.
          body: `product=xiaomi-14&quantity=1&plan=huabei%3A3&password=246810&csrf=${session.csrf}`,
          cookie: session.cookie,
        });
        if (answer.status === 201) acked.push(answer.json.plan.id);
      } catch {
        // The server went away mid-request: not acknowledged. Let the event loop breathe before the next one.
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  const workers = Array.from({ length: inFlight }, one);
  return {
    acked,
    async stop() {
      stopping = true;
      await Promise.all(workers);
    },
  };
}

async function waitFor(probe, message) {
  const until = Date.now() + 120_000;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('two demo servers on one PostgreSQL', { skip: postgres.skip }, () => {
  let url;
  let client;
  /**
   * Two server processes, started together on one new database (they race to migrate and seed it), both
   * serving the store's one public address as they would behind a load balancer.
   */
  let servers;
  /** A shopper signed in through the first server; the second accepts the same session. */
  let session;
  const env = () => ({ DATABASE_URL: url, PUBLIC_ORIGIN: SHOP });

  before(async () => {
    url = await postgres.createDatabase();
    servers = await Promise.all([spawnDemoStore(env()), spawnDemoStore(env())]);
    session = await signInAt(servers[0], SHOP);
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });

  after(async () => {
    await client?.end();
    await Promise.all((servers ?? []).map((s) => s.stop()));
  });

  const count = async (sql, params) => Number((await client.query(sql, params)).rows[0].count);

  it('migrated and seeded the database once', async () => {
    const files = readdirSync('demo/migrations').filter((f) => f.endsWith('.sql'));
    assert.equal(await count('SELECT count(DISTINCT version) FROM schema_migrations'), files.length);
    assert.equal(await count('SELECT count(*) FROM schema_migrations'), files.length, 'each once');
    assert.equal(await count("SELECT count(*) FROM setup_steps WHERE name = 'first-run'"), 1);
    assert.equal(await count('SELECT count(*) FROM shoppers'), 2);
    assert.equal(await count("SELECT count(*) FROM plans WHERE id = 'plan-2401'"), 1);
  });

  it('charges one installment once when 50 repayments of it race through both servers', async () => {
    const body = { installments: [3], methodId: 'pm-cmb' };
    const total = await owedFor(servers[0], SHOP, session, body);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(servers[i % 2], SHOP, 'POST', '/api/plans/plan-2401/repayments', {
          body: { ...body, expectedTotal: total, requestId: `race-${String(i).padStart(4, '0')}` },
          cookie: session.cookie,
        }).then((r) => ({ status: r.status, body: r.json })),
      ),
    );
    const paid = answers.filter((a) => a.status === 200);
    assert.equal(paid.length, 1, JSON.stringify(answers.map((a) => a.status)));
    assert.equal(paid[0].body.repayment.charged, total);
    // The 49 others found installment 3 paid: installment 4 is now the oldest unpaid one.
    for (const a of answers.filter((x) => x.status !== 200)) {
      assert.equal(a.status, 422, JSON.stringify(a.body));
      assert.equal(a.body.error.code, 'not-oldest-first');
    }
    assert.equal(
      await count("SELECT count(*) FROM repayments WHERE plan_id = 'plan-2401' AND 3 = ANY(installments)"),
      1,
    );
    assert.equal(
      await count("SELECT count(*) FROM installments WHERE plan_id = 'plan-2401' AND n = 3 AND paid = principal + fee"),
      1,
    );
    console.log(
      `50 parallel repayments through 2 servers: ${paid.length} charged, ${answers.length - paid.length} refused`,
    );
  });

  it('answers 50 retries of one request, through both servers, with one receipt', async () => {
    const body = { installments: [4], methodId: 'pm-cmb', requestId: 'one-attempt-0001' };
    const total = await owedFor(servers[1], SHOP, session, body);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(servers[i % 2], SHOP, 'POST', '/api/plans/plan-2401/repayments', {
          body: { ...body, expectedTotal: total },
          cookie: session.cookie,
        }).then((r) => ({ status: r.status, body: r.json })),
      ),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]), JSON.stringify(answers[0].body));
    assert.equal(new Set(answers.map((a) => JSON.stringify(a.body.repayment))).size, 1, 'one receipt');
    assert.equal(await count("SELECT count(*) FROM repayments WHERE request_id = 'one-attempt-0001'"), 1);
    assert.equal(
      await count("SELECT count(*) FROM repayments WHERE plan_id = 'plan-2401' AND 4 = ANY(installments)"),
      1,
    );
  });

  for (const which of [0, 1]) {
    it(`loses no acknowledged write when server ${which + 1} is killed (kill -9) in a burst of writes`, async () => {
      const burst = checkoutBurst(servers, SHOP, session);
      try {
        await waitFor(() => burst.acked.length >= 20, '20 acknowledged checkouts');
        await servers[which].kill();
        const before = burst.acked.length;
        // The other server goes on taking writes.
        await waitFor(() => burst.acked.length >= before + 10, 'writes on the surviving server');
      } finally {
        await burst.stop();
        if (servers[which].child.exitCode !== null || servers[which].child.signalCode !== null)
          servers[which] = await spawnDemoStore(env());
      }
      const { rows } = await client.query('SELECT id FROM plans WHERE id = ANY($1)', [burst.acked]);
      assert.equal(rows.length, burst.acked.length, 'every acknowledged plan is in the database');
      assert.equal(new Set(burst.acked).size, burst.acked.length, 'each checkout got its own plan');
      // A write the killed server had in flight was rolled back whole: no plan without its installments.
      assert.equal(
        await count(
          'SELECT count(*) FROM plans p WHERE NOT EXISTS (SELECT 1 FROM installments i WHERE i.plan_id = p.id)',
        ),
        0,
      );
      console.log(`kill -9 of server ${which + 1}: ${burst.acked.length} acknowledged checkouts, all stored`);
    });
  }
});

describe('the embedded database', () => {
  it('imports an existing store.json once, and renames it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fenqi-import-'));
    const plan = {
      id: 'plan-77',
      origin: '',
      orderId: 'ORD-77',
      product: '旧版演示数据',
      provider: { id: 'huabei', name: '花呗分期' },
      principal: 30000,
      currency: 'CNY',
      purchaseDate: '2024-01-31',
      installments: [
        { n: 1, dueDate: '2024-02-29', principal: 10000, fee: 100, paid: 10100, paidDate: '2024-02-29' },
        { n: 2, dueDate: '2024-03-31', principal: 10000, fee: 100, paid: 0, paidDate: null },
        { n: 3, dueDate: '2024-04-30', principal: 10000, fee: 100, paid: 0, paidDate: null },
      ],
      autoDebit: true,
      preferredMethod: { id: 'pm-old', kind: 'debit-card', label: '旧卡', last4: '4321' },
      policy: { lateDailyRatePct: '0.05', graceDays: 0, unbilledFeesOnPayoff: 'charged' },
    };
    const repayment = {
      id: 'rp-00007',
      planId: 'plan-77',
      requestId: 'old-request-0001',
      request: { installments: [1], payoff: false, methodId: 'pm-old' },
      date: '2024-02-29',
      installments: [1],
      payoff: false,
      charged: 10100,
      lateCharge: 0,
      waivedFee: 0,
      methodId: 'pm-old',
    };
    writeFileSync(
      join(dataDir, 'store.json'),
      JSON.stringify({
        version: 2,
        plans: [plan],
        paymentMethods: [plan.preferredMethod],
        repayments: [repayment],
        nextOrder: 78,
        nextRepayment: 8,
      }),
    );
    const store = await startStore({ dataDir });
    try {
      let shopper = await signIn(store);
      const { plans } = await (await shopper.fetch('api/plans')).json();
      assert.deepEqual(
        plans.map((p) => p.id),
        ['plan-77'],
      );
      // A plan from before statuses is active.
      assert.deepEqual({ ...plans[0], origin: '' }, { ...plan, status: 'active' });
      assert.ok(!existsSync(join(dataDir, 'store.json')) && existsSync(join(dataDir, 'store.json.imported')));
      // The imported repayment still answers its retry; numbering goes on where the file left it.
      const retry = await shopper.fetch('api/plans/plan-77/repayments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          installments: [1],
          methodId: 'pm-old',
          requestId: 'old-request-0001',
          expectedTotal: 10100,
        }),
      });
      assert.equal(retry.status, 200);
      assert.equal((await retry.json()).repayment.id, 'rp-00007');
      const bought = await shopper.fetch('checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: `product=xiaomi-14&quantity=1&plan=huabei%3A3&password=246810&csrf=${shopper.csrf}`,
      });
      assert.equal((await bought.json()).plan.id, 'plan-78');
      // A store.json that shows up again later is not imported over the data.
      writeFileSync(
        join(dataDir, 'store.json'),
        JSON.stringify({ version: 2, plans: [], paymentMethods: [], nextOrder: 1 }),
      );
      await store.restart();
      shopper = await signIn(store);
      const again = await (await shopper.fetch('api/plans')).json();
      assert.deepEqual(
        again.plans.map((p) => p.id),
        ['plan-78', 'plan-77'],
      );
      assert.ok(store.log.some((l) => l.includes('left alone')));
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a store.json it cannot read, and starts nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fenqi-import-'));
    writeFileSync(join(dataDir, 'store.json'), '{"version": 2, "plans": [');
    try {
      await assert.rejects(startStore({ dataDir }), /store\.json is not readable JSON/);
      assert.ok(existsSync(join(dataDir, 'store.json')), 'the file is left for the merchant');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('lets one server process use its folder at a time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fenqi-lock-'));
    const first = await spawnDemoStore({ DEMO_DATA: dataDir });
    try {
      await assert.rejects(spawnDemoStore({ DEMO_DATA: dataDir }), /in use by the demo server with pid/);
    } finally {
      await first.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('loses no acknowledged write to kill -9, and starts again without leftovers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fenqi-kill-'));
    // What an interrupted copy of a new database would have left beside it.
    mkdirSync(join(dataDir, 'pglite.tmp-999999'));
    let server = await spawnDemoStore({ DEMO_DATA: dataDir });
    try {
      assert.ok(!existsSync(join(dataDir, 'pglite.tmp-999999')), 'the half copy is removed on start');
      const burst = checkoutBurst([server], server.origin, await signInAt(server, server.origin));
      try {
        await waitFor(() => burst.acked.length >= 20, '20 acknowledged checkouts');
        await server.kill();
      } finally {
        await burst.stop();
      }
      // The killed process's lock is stale: the next one takes it over.
      server = await spawnDemoStore({ DEMO_DATA: dataDir });
      const { plans } = await (await (await signIn(server)).fetch('api/plans')).json();
      const stored = new Set(plans.map((p) => p.id));
      assert.deepEqual(
        burst.acked.filter((id) => !stored.has(id)),
        [],
        'every acknowledged plan is there',
      );
      assert.deepEqual(
        readdirSync(dataDir).filter((f) => f.includes('.tmp')),
        [],
      );
      console.log(`kill -9 of the embedded server: ${burst.acked.length} acknowledged checkouts, all stored`);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
