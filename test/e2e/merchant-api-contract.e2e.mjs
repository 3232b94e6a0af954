// docs/merchant-api.openapi.yaml against docs/merchant-api.md and the demo store: the prose's routes and error
// codes are all in the OpenAPI file, the check rejects answers that break it, and the demo store's answers to
// each route (the happy paths and the refusals) keep it. Every other e2e test checks the answers it sees too
// (startDemoStore and startStore watch them).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import yaml from 'js-yaml';
import { checkAnswer, compileAll, contract, CONTRACT_FILE, watchAnswers } from '../helpers/contract.mjs';
import { spawnDemoStore } from '../helpers/demo-process.mjs';
import { startDemoStore } from '../helpers/e2e.mjs';
import { repay, signIn } from '../helpers/demo-api.mjs';
import { createServer } from 'node:http';

const prose = readFileSync('docs/merchant-api.md', 'utf8');
const json = 'application/json; charset=utf-8';

test('every route and error code of docs/merchant-api.md is in the OpenAPI file, whose schemas all compile', () => {
  const { doc } = contract();
  assert.ok(compileAll() >= 30, 'compiled every response schema');
  const routes = [...prose.matchAll(/^### `(GET|POST|PUT) \{api\}(\/[^`\s]+)`/gm)].map(([, m, p]) => [m, p]);
  assert.equal(routes.length, 4, `the prose's routes: ${routes.join('; ')}`);
  for (const [method, path] of routes)
    assert.ok(doc.paths[path]?.[method.toLowerCase()], `${method} ${path} is in the file`);
  const table = [...prose.matchAll(/^\| (\d{3})\s+\| `([a-z-]+)`/gm)].map(([, status, code]) => [Number(status), code]);
  assert.ok(table.length >= 18, `the prose's error table: ${table.length} rows`);
  // Each row is an answer some route of the file gives: a route of the API, or a path it does not have.
  const requests = [['GET', '/api/no-such-route']];
  for (const [path, item] of Object.entries(doc.paths)) {
    const base = (item.servers ?? doc.servers)[0].url.replace(/\/$/, '');
    for (const verb of ['get', 'post', 'put'])
      if (item[verb]) requests.push([verb.toUpperCase(), `${base}${path}`.replace(/\{[^}]+\}/g, 'plan-1')]);
  }
  for (const [status, code] of table) {
    const body = JSON.stringify(
      code === 'amount-changed'
        ? { error: { code, message: 'm' }, plan: PLAN, expectedTotal: 1, total: 2, asOf: '2026-11-26' }
        : { error: { code, message: 'm' } },
    );
    const answered = requests.filter(
      ([method, pathname]) => checkAnswer({ method, pathname, status, contentType: json, body }).length === 0,
    );
    assert.ok(answered.length, `${status} ${code}: some route of the OpenAPI file answers it`);
  }
});

const PLAN = {
  id: 'plan-1',
  orderId: 'o-1',
  product: 'Phone',
  provider: { id: 'huabei', name: '花呗分期' },
  principal: 100,
  currency: 'CNY',
  purchaseDate: '2026-10-01',
  installments: [{ n: 1, dueDate: '2026-11-01', principal: 100, fee: 0, paid: 0, paidDate: null }],
  autoDebit: false,
  preferredMethod: null,
  policy: { lateDailyRatePct: '0.05', graceDays: 0, unbilledFeesOnPayoff: 'charged' },
};

test('the check rejects answers that break the contract', () => {
  const plans = (body, status = 200) =>
    checkAnswer({ method: 'GET', pathname: '/api/plans', status, contentType: json, body: JSON.stringify(body) });
  assert.deepEqual(plans({ plans: [], asOf: '2026-11-26' }), []);
  assert.match(plans({ plans: [] }).join(), /must have required property 'asOf'/);
  assert.match(plans({ plans: [], asOf: '2026-11-26T00:00:00Z' }).join(), /\/asOf must match pattern/);
  assert.match(plans({ plans: [], asOf: '2026-11-26', extra: 1 }).join(), /additional properties \(extra\)/);
  assert.match(plans({ plans: [] }, 201).join(), /status 201 is not in the contract/);
  assert.match(
    plans({ error: { code: 'unknown-plan', message: 'x' } }, 401).join(),
    /\/error\/code must be equal to constant/,
  );
  const declined = (body) =>
    checkAnswer({
      method: 'POST',
      pathname: '/api/plans/p1/repayments',
      status: 402,
      contentType: json,
      body: JSON.stringify(body),
    });
  assert.deepEqual(declined({ error: { code: 'payment-declined', message: '余额不足' } }), []);
  assert.match(declined({ error: { code: 'payment-declined' } }).join(), /must have required property 'message'/);
  assert.match(declined({ code: 'payment-declined', message: 'x' }).join(), /must have required property 'error'/);
  assert.match(
    checkAnswer({ method: 'DELETE', pathname: '/api/plans', status: 200, contentType: json, body: '{}' }).join(),
    /DELETE \/api\/plans 200: undocumented route/,
  );
  assert.match(
    checkAnswer({ method: 'GET', pathname: '/api/plans', status: 200, contentType: 'text/html', body: '<p>' }).join(),
    /content-type "text\/html"/,
  );
});

test("an answer on a route the file does not describe breaks it; the store's pages and files need no description", () => {
  const answer = (pathname, status, contentType, body = '') =>
    checkAnswer({ method: 'GET', pathname, status, contentType, body });
  const error = (code) => JSON.stringify({ error: { code, message: 'm' } });
  assert.match(answer('/demo/coupons', 200, json, '{}').join(), /GET \/demo\/coupons 200: undocumented route/);
  assert.match(answer('/api/coupons', 200, json, '{}').join(), /GET \/api\/coupons 200: undocumented route/);
  assert.match(answer('/bills', 403, json, error('cross-site-request')).join(), /GET \/bills 403: undocumented route/);
  // A path the store does not have may say so, as under /api.
  assert.deepEqual(answer('/no-such-page', 404, json, error('not-found')), []);
  assert.deepEqual(answer('/bills', 200, 'text/html; charset=utf-8', '<p>'), []);
  assert.deepEqual(answer('/fenqi/fenqi.js', 200, 'text/javascript; charset=utf-8', 'x'), []);
  assert.deepEqual(answer('/config.json', 200, json, '{}'), []);
});

test('a server that answers wrongly fails the watch that saw it', async () => {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': json });
    res.end(JSON.stringify({ plans: [{ id: 'p1' }], asOf: '2026-11-26' }));
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  const watch = watchAnswers(server.address().port);
  try {
    const answer = await fetch(`http://127.0.0.1:${server.address().port}/api/plans`);
    // The broken answer is not sent: the client is told what broke.
    assert.equal(answer.status, 500);
    const { error } = await answer.json();
    assert.equal(error.code, 'contract-violation');
    assert.match(error.message, /GET \/plans 200: \/plans\/0 must have required property 'orderId'/);
    assert.equal(watch.checked, 1);
    assert.throws(
      () => watch.assertKept(),
      /broke docs\/merchant-api\.openapi\.yaml .*\n.*\/plans\/0 must have required property/,
    );
  } finally {
    watch.stop();
    await new Promise((closed) => server.close(closed));
  }
});

let store;
let shopper;
before(async () => {
  store = await startDemoStore();
  shopper = await signIn(store);
});
after(async () => {
  await store?.close();
});

const api = (path, init = {}) => shopper.fetch(`api/${path}`, init);
const send = (method, path, body, headers = {}) =>
  api(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

test('the demo store keeps the contract on every route, refusals included', async () => {
  const { plans, asOf } = await (await api('plans')).json();
  assert.match(asOf, /^\d{4}-\d{2}-\d{2}$/);
  await (await api('payment-methods')).json();
  await (await api('config')).json();
  const open = plans.find((p) => p.installments.some((it) => it.paid < it.principal + it.fee));
  const other = open.preferredMethod?.id === 'pm-alipay' ? 'pm-wechat' : 'pm-alipay';
  const answers = [
    await send('POST', `plans/${open.id}/repayments`, {
      payoff: true,
      methodId: 'pm-cmb',
      requestId: 'contract-1',
      expectedTotal: 1,
    }),
    await send('POST', `plans/${open.id}/repayments`, '{not json'),
    await send('POST', `plans/${open.id}/repayments`, { methodId: 'pm-cmb' }),
    await send('POST', 'plans/no-such-plan/repayments', {
      payoff: true,
      methodId: 'pm-cmb',
      requestId: 'contract-2',
      expectedTotal: 1,
    }),
    await send('POST', `plans/${open.id}/repayments`, {
      payoff: true,
      methodId: 'pm-none',
      requestId: 'contract-3',
      expectedTotal: 1,
    }),
    await send('POST', `plans/${open.id}/repayments`, {
      installments: [],
      methodId: 'pm-cmb',
      requestId: 'contract-4',
      expectedTotal: 1,
    }),
    await declined(open.id),
    await send('POST', `plans/${open.id}/repayments`, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }),
    await send('PUT', `plans/${open.id}/preferred-method`, { methodId: other }),
    await send('PUT', `plans/${open.id}/preferred-method`, { methodId: other, verification: '000000' }),
    await send('PUT', `plans/${open.id}/preferred-method`, { methodId: 'pm-none' }),
    await api('plans', { method: 'DELETE' }),
    await api('no-such-route'),
    await fetch(new URL('api/plans', store.url)),
    await fetch(new URL(`api/plans/${open.id}/preferred-method`, store.url), {
      method: 'PUT',
      headers: { cookie: shopper.cookie, origin: 'https://elsewhere.example', 'content-type': 'application/json' },
      body: JSON.stringify({ methodId: other }),
    }),
    await shopper.fetch('demo/sms'),
  ];
  const statuses = [];
  for (const answer of answers) {
    statuses.push(answer.status);
    await answer.text();
  }
  for (const status of [400, 401, 402, 403, 404, 405, 409, 415, 422])
    assert.ok(statuses.includes(status), `a ${status} among ${statuses}`);
  const { repayment } = await repay(store, open.id, {
    installments: [open.installments.find((it) => it.paid < it.principal + it.fee).n],
    methodId: 'pm-cmb',
    requestId: 'contract-6',
  });
  assert.ok(repayment.charged > 0);
  await eventuallyChecked(store.contract, 3 + answers.length + 1 + 2);
  store.contract.assertKept();
});

/** A payoff from the card the demo declines, with the total it asks for: 402 payment-declined (2 answers). */
async function declined(planId) {
  const body = { payoff: true, methodId: 'pm-boc', requestId: 'contract-5' };
  const asked = await send('POST', `plans/${planId}/repayments`, { ...body, expectedTotal: 0 });
  const { total } = await asked.json();
  return send('POST', `plans/${planId}/repayments`, { ...body, requestId: 'contract-5b', expectedTotal: total });
}

/** The watch counts an answer once its last byte is written: wait for all of them. */
async function eventuallyChecked(watch, count) {
  while (watch.checked < count) await new Promise((done) => setImmediate(done));
}

describe('a spawned demo store checks its own answers (FENQI_CONTRACT_CHECK=1)', () => {
  let folder;
  let strict;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'fenqi-contract-'));
    // The same contract with one answer tightened beyond what the store sends and one route left out.
    const doc = yaml.load(readFileSync(CONTRACT_FILE, 'utf8'));
    doc.paths['/config'].get.responses['200'].content['application/json'].schema.required.push('coupons');
    delete doc.paths['/demo/sms'];
    strict = join(folder, 'strict.openapi.yaml');
    writeFileSync(strict, yaml.dump(doc));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('answers 500 contract-violation instead of a broken answer, says so on stderr, and its stop() fails', async () => {
    const store = await spawnDemoStore({ DEMO_DATA: join(folder, 'strict'), FENQI_CONTRACT_FILE: strict });
    let stopped = false;
    try {
      const shopper = await signIn(store);
      const config = await shopper.fetch('api/config');
      assert.equal(config.status, 500);
      const { error } = await config.json();
      assert.equal(error.code, 'contract-violation');
      assert.match(error.message, /GET \/config 200: \(body\) must have required property 'coupons'/);
      const sms = await shopper.fetch('demo/sms');
      assert.equal(sms.status, 500);
      assert.match((await sms.json()).error.message, /GET \/demo\/sms 200: undocumented route/);
      // Answers the file still describes are sent as they are.
      assert.equal((await shopper.fetch('api/plans')).status, 200);
      stopped = true;
      await assert.rejects(
        store.stop(),
        /broke docs\/merchant-api\.openapi\.yaml 2 time\(s\):\n {2}GET \/config 200: .*'coupons'\n {2}GET \/demo\/sms 200: undocumented route/,
      );
    } finally {
      if (!stopped) await store.kill().catch(() => {});
    }
  });

  it('without the variable loads no checker at all', async () => {
    // A contract file that does not exist would stop a checking store at its start.
    const store = await spawnDemoStore({
      DEMO_DATA: join(folder, 'off'),
      FENQI_CONTRACT_CHECK: '',
      FENQI_CONTRACT_FILE: join(folder, 'no-such-file.yaml'),
    });
    try {
      const shopper = await signIn(store);
      assert.equal((await shopper.fetch('demo/sms')).status, 200);
    } finally {
      await store.stop();
    }
  });
});
