// The reference merchant backend (demo/) against hostile clients: every attack issue 12 found, kept as a
// regression test. Another shopper's plans, a cross-site form post, a framed bills page, an SMS flood over
// several plans, guessing codes across codes, a forged Host header, an interrupted write's leftovers.
// Merchants copy this backend: what it refuses here is what theirs should refuse.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';
import { signIn } from '../helpers/demo-api.mjs';
import { startStore } from '../helpers/demo-process.mjs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const json = { 'content-type': 'application/json' };

/** `{ status, body }` of a fetch answer (JSON when it is JSON). */
async function read(answer) {
  const text = await answer.text();
  try {
    return { status: answer.status, headers: answer.headers, body: JSON.parse(text) };
  } catch {
    return { status: answer.status, headers: answer.headers, body: text };
  }
}

/** A request with headers fetch will not send as given (Host): `{ status, body }`. */
function rawRequest(url, { method = 'GET', headers = {} } = {}) {
  return new Promise((done, fail) => {
    const { port } = new URL(url);
    const req = request({ host: '127.0.0.1', port, method, path: new URL(url).pathname, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () =>
        done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the demo store against hostile clients', () => {
  /** The store's clock: tests move it on instead of waiting. */
  let clock = Date.now();
  let store;
  /** The two demo shoppers, signed in. */
  let alice;
  let bob;

  before(async () => {
    store = await startStore({ now: () => clock });
  });
  after(() => store?.close());

  /** A day later (every text and lockout window passed), both shoppers signed in again. */
  async function nextDay() {
    clock += 2 * DAY;
    alice = await signIn(store);
    bob = await signIn(store, { as: 'shopper-2' });
  }

  const smsOf = async (shopper) => (await read(await shopper.fetch('demo/sms'))).body.messages;
  const askCode = async (shopper, planId, methodId) =>
    read(
      await shopper.fetch(`api/plans/${planId}/preferred-method`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ methodId }),
      }),
    );
  const sendCode = async (shopper, planId, methodId, verification) =>
    read(
      await shopper.fetch(`api/plans/${planId}/preferred-method`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ methodId, verification }),
      }),
    );
  const planIds = async (shopper) => (await read(await shopper.fetch('api/plans'))).body.plans.map((p) => p.id);

  it('answers nobody without a session: 401 not-signed-in, and a forged cookie is no session', async () => {
    await nextDay();
    const before = JSON.stringify(await store.dump());
    const anonymous = (path, init = {}) =>
      fetch(new URL(path, store.url), { ...init, headers: { origin: store.origin, ...json, ...init.headers } });
    const forged = alice.cookie.replace('shopper-1', 'shopper-2');
    for (const [path, init] of [
      ['api/plans', {}],
      ['api/payment-methods', {}],
      ['demo/sms', {}],
      ['api/plans', { headers: { cookie: forged } }],
      ['api/plans', { headers: { cookie: 'fenqi_session=v1.shopper-1.1.AAAA' } }],
      ['api/plans/plan-2401/repayments', { method: 'POST', body: JSON.stringify({ installments: [3] }) }],
      ['api/plans/plan-2401/preferred-method', { method: 'PUT', body: JSON.stringify({ methodId: 'pm-cmb' }) }],
    ]) {
      const answer = await read(await anonymous(path, init));
      assert.equal(answer.status, 401, `${path}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'not-signed-in');
    }
    assert.equal(JSON.stringify(await store.dump()), before, 'nothing written');
  });

  it('sets its session cookie HttpOnly and SameSite=Lax, signed', async () => {
    const page = await fetch(store.url);
    const cookie = page.headers.get('set-cookie');
    assert.match(cookie, /^fenqi_session=v1\.shopper-1\.\d+\.[\w-]{43}; /);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
  });

  it('answers each shopper for their own plans only: another’s plan is unknown-plan', async () => {
    await nextDay();
    const mine = await planIds(alice);
    const theirs = await planIds(bob);
    assert.ok(mine.length >= 3 && theirs.length >= 1);
    assert.deepEqual(
      mine.filter((id) => theirs.includes(id)),
      [],
      'no plan is listed for both',
    );
    const before = JSON.stringify(await store.dump());
    for (const id of mine) {
      const repay = await read(
        await bob.fetch(`api/plans/${id}/repayments`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ payoff: true, methodId: 'pm-cmb', expectedTotal: 1 }),
        }),
      );
      assert.equal(repay.status, 404, JSON.stringify(repay.body));
      assert.equal(repay.body.error.code, 'unknown-plan');
      const method = await askCode(bob, id, 'pm-cmb');
      assert.equal(method.status, 404, JSON.stringify(method.body));
      assert.equal(method.body.error.code, 'unknown-plan');
    }
    assert.equal(JSON.stringify(await store.dump()), before, 'nothing charged, no code sent');
    assert.deepEqual(await smsOf(bob), [], 'no text to anyone');
  });

  it('shows each shopper’s SMS banner only their own codes', async () => {
    await nextDay();
    const [planId] = await planIds(alice);
    assert.equal((await askCode(alice, planId, 'pm-wechat')).status, 409);
    const [sms] = await smsOf(alice);
    assert.match(sms.text, new RegExp(sms.code));
    assert.equal(sms.to, '138****8000');
    const others = await smsOf(bob);
    assert.ok(!JSON.stringify(others).includes(sms.code), 'the other shopper never sees the code');
  });

  it('refuses a change from another origin or without Origin, and a form without its session’s token', async () => {
    await nextDay();
    const before = JSON.stringify(await store.dump());
    const checkout = (headers, csrf = alice.csrf) =>
      fetch(new URL('checkout', store.url), {
        method: 'POST',
        headers: { cookie: alice.cookie, accept: 'application/json', ...headers },
        body: new URLSearchParams({ product: 'xiaomi-14', quantity: '1', plan: 'huabei:12', csrf }),
        redirect: 'manual',
      }).then(read);
    for (const [headers, csrf, status, code] of [
      [{ origin: 'https://evil.example' }, alice.csrf, 403, 'cross-site-request'],
      [{ origin: 'null' }, alice.csrf, 403, 'cross-site-request'],
      [{}, alice.csrf, 403, 'cross-site-request'],
      [{ origin: store.origin }, '', 403, 'bad-csrf-token'],
      [{ origin: store.origin }, bob.csrf, 403, 'bad-csrf-token'],
    ]) {
      const answer = await checkout(headers, csrf);
      assert.equal(answer.status, status, JSON.stringify({ headers, answer: answer.body }));
      assert.equal(answer.body.error.code, code);
    }
    for (const [path, method] of [
      ['api/plans/plan-2401/repayments', 'POST'],
      ['api/plans/plan-2401/preferred-method', 'PUT'],
    ]) {
      const answer = await read(
        await fetch(new URL(path, store.url), {
          method,
          headers: { cookie: alice.cookie, origin: 'https://evil.example', ...json },
          body: JSON.stringify({ installments: [3], methodId: 'pm-cmb', expectedTotal: 1 }),
        }),
      );
      assert.equal(answer.status, 403, path);
      assert.equal(answer.body.error.code, 'cross-site-request');
    }
    assert.equal(JSON.stringify(await store.dump()), before, 'nothing written');
    // The same form, from the store's own page, goes through (the order waits for its payment password): the
    // refusals above were about where it came from.
    const ok = await checkout({ origin: store.origin });
    assert.equal(ok.status, 202, JSON.stringify(ok.body));
  });

  it('sends CSP with frame-ancestors none, X-Frame-Options, nosniff and a Referrer-Policy with every answer', async () => {
    for (const [path, init] of [
      ['', {}],
      ['bills', {}],
      ['fenqi/fenqi.js', {}],
      ['demo.css', {}],
      ['api/plans', {}],
      ['api/plans', { headers: { cookie: alice.cookie } }],
      ['api/nope', { headers: { cookie: alice.cookie } }],
      ['no-such-page', {}],
      ['checkout', { method: 'POST', headers: { origin: 'https://evil.example' } }],
    ]) {
      const answer = await fetch(new URL(path, store.url), init);
      await answer.arrayBuffer();
      const what = `${init.method ?? 'GET'} /${path} (${answer.status})`;
      assert.match(answer.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, what);
      assert.match(answer.headers.get('content-security-policy'), /script-src 'self'(;|$)/, what);
      assert.equal(answer.headers.get('x-frame-options'), 'DENY', what);
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', what);
      assert.equal(answer.headers.get('referrer-policy'), 'same-origin', what);
    }
  });

  it('answers only under its own name: a spoofed Host gets 421, never into the data', async () => {
    const shop = await startStore({ publicOrigin: 'http://shop.fenqi.test' });
    try {
      const page = await rawRequest(shop.url, { headers: { host: 'shop.fenqi.test' } });
      assert.equal(page.status, 200);
      const cookie = page.headers['set-cookie'][0].split(';')[0];
      const plans = await rawRequest(new URL('api/plans', shop.url).href, {
        headers: { host: 'shop.fenqi.test', cookie },
      });
      assert.equal(plans.status, 200);
      assert.ok(
        JSON.parse(plans.body).plans.every((p) => p.origin === 'http://shop.fenqi.test'),
        'the plans name PUBLIC_ORIGIN',
      );
      // A person who typed another name for the store is sent to its address; the redirect carries no data.
      const typed = await rawRequest(new URL('bills', shop.url).href, { headers: { host: 'localhost', cookie } });
      assert.equal(typed.status, 308);
      assert.equal(typed.headers.location, 'http://shop.fenqi.test/bills');
      assert.equal(typed.headers['set-cookie'], undefined, 'no session started under another name');
      for (const host of ['evil.example', new URL(shop.url).host]) {
        const spoofed = await rawRequest(new URL('api/plans', shop.url).href, { headers: { host, cookie } });
        assert.equal(spoofed.status, 421, host);
        assert.equal(JSON.parse(spoofed.body).error.code, 'wrong-host');
        assert.ok(!spoofed.body.includes('plan-'), 'no data');
      }
    } finally {
      await shop.close();
    }
  });

  it('limits texts per phone number, not per plan: five in ten minutes over three plans, then too-many-codes', async () => {
    await nextDay();
    const plans = await planIds(alice);
    const before = (await smsOf(alice)).length;
    for (let i = 0; i < 5; i++) {
      const answer = await askCode(alice, plans[i % plans.length], 'pm-wechat');
      assert.equal(answer.status, 409, JSON.stringify(answer.body));
      assert.equal(answer.body.resendAfter, 60);
      clock += 61_000; // past resendAfter: the same change may be texted again (5 × 61 s is within the ten minutes)
    }
    const flood = await askCode(alice, plans[2], 'pm-wechat');
    assert.equal(flood.status, 429, JSON.stringify(flood.body));
    assert.equal(flood.body.error.code, 'too-many-codes');
    assert.ok(flood.body.error.retryAfter > 0 && flood.body.error.retryAfter <= 600, `${flood.body.error.retryAfter}`);
    assert.equal(flood.headers.get('retry-after'), String(flood.body.error.retryAfter), 'and as Retry-After');
    assert.equal((await smsOf(alice)).length, before + 5, 'no sixth text');
    // The window passes: the phone may be texted again, until the shopper's daily limit (10) is reached.
    for (let round = 0; round < 2; round++) {
      clock += 10 * MINUTE + 1000;
      for (let i = 0; i < (round === 0 ? 5 : 1); i++) {
        clock += 61_000;
        const answer = await askCode(alice, plans[i % plans.length], 'pm-wechat');
        if (round === 1) {
          assert.equal(answer.status, 429, JSON.stringify(answer.body));
          assert.equal(answer.body.error.code, 'too-many-codes');
          assert.ok(answer.body.error.retryAfter > 600, 'the daily limit: hours, not minutes');
        } else assert.equal(answer.status, 409, JSON.stringify(answer.body));
      }
    }
    assert.equal((await smsOf(alice)).length, before + 10);
    assert.equal((await askCode(bob, (await planIds(bob))[0], 'pm-alipay')).status, 409, 'another phone is not held');
  });

  it('sends no second code for the same change before resendAfter: too-many-codes with the seconds left', async () => {
    await nextDay();
    const [planId, other] = await planIds(alice);
    const before = (await smsOf(alice)).length;
    assert.equal((await askCode(alice, planId, 'pm-wechat')).status, 409);
    clock += 20_000;
    const soon = await askCode(alice, planId, 'pm-wechat');
    assert.equal(soon.status, 429, JSON.stringify(soon.body));
    assert.equal(soon.body.error.code, 'too-many-codes');
    assert.equal(soon.body.error.retryAfter, 40);
    assert.equal(soon.headers.get('retry-after'), '40');
    assert.equal((await smsOf(alice)).length, before + 1, 'no text for the early resend');
    // Another change is not held back, and the same one may be texted again once the wait is over.
    assert.equal((await askCode(alice, other, 'pm-wechat')).status, 409);
    clock += 40_000;
    assert.equal((await askCode(alice, planId, 'pm-wechat')).status, 409);
    assert.equal((await smsOf(alice)).length, before + 3);
  });

  it('locks verification across codes after five wrong codes in an hour, whatever the code', async () => {
    await nextDay();
    const [first, second] = await planIds(alice);
    const latest = async () => (await smsOf(alice))[0].code;
    assert.equal((await askCode(alice, first, 'pm-wechat')).status, 409);
    const wrong = (code) => (code === '000000' ? '111111' : '000000');
    const code1 = await latest();
    const left = [];
    for (let i = 0; i < 3; i++) left.push((await sendCode(alice, first, 'pm-wechat', wrong(code1))).body.error);
    assert.deepEqual(
      left.map((e) => [e.code, e.attemptsLeft]),
      [
        ['wrong-code', 2],
        ['wrong-code', 1],
        ['wrong-code', 0],
      ],
    );
    // A new code does not start the count again: the lockout counts wrong codes per shopper.
    assert.equal((await askCode(alice, second, 'pm-wechat')).status, 409);
    const code2 = await latest();
    const fourth = (await sendCode(alice, second, 'pm-wechat', wrong(code2))).body.error;
    assert.deepEqual([fourth.code, fourth.attemptsLeft], ['wrong-code', 1]);
    const fifth = await sendCode(alice, second, 'pm-wechat', wrong(code2));
    assert.equal(fifth.status, 429);
    assert.equal(fifth.body.error.code, 'verification-locked');
    const { retryAfter } = fifth.body.error;
    assert.equal(fifth.headers.get('retry-after'), String(retryAfter));
    assert.ok(retryAfter > 0 && retryAfter <= 3600, `${retryAfter}`);
    // Locked: the right code does nothing, and no new code is sent.
    const right = await sendCode(alice, second, 'pm-wechat', code2);
    assert.equal(right.body.error.code, 'verification-locked');
    const texts = (await smsOf(alice)).length;
    assert.equal((await askCode(alice, second, 'pm-wechat')).body.error.code, 'verification-locked');
    assert.equal((await smsOf(alice)).length, texts, 'no text while locked');
    const plan = (await read(await alice.fetch('api/plans'))).body.plans.find((p) => p.id === second);
    assert.notEqual(plan.preferredMethod?.id, 'pm-wechat');
    // The other shopper is not locked out by these guesses.
    assert.equal((await askCode(bob, (await planIds(bob))[0], 'pm-alipay')).status, 409);
    // retryAfter later, verification works again.
    clock += retryAfter * 1000;
    assert.equal((await askCode(alice, second, 'pm-wechat')).status, 409);
    const done = await sendCode(alice, second, 'pm-wechat', await latest());
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.plan.preferredMethod.id, 'pm-wechat');
  });

  it('keeps codes only as HMACs: the database never holds a code it texted', async () => {
    const rows = (await store.dump()).verification_codes;
    assert.ok(rows.length > 10);
    const codes = new Set([...(await smsOf(alice)), ...(await smsOf(bob))].map((m) => m.code));
    assert.ok(codes.size > 0);
    for (const row of rows) for (const code of codes) assert.ok(!row.includes(code), `${row} holds ${code}`);
  });
});

describe('the demo store in a real browser on a hostile page', () => {
  let store;
  let evil;
  let browser;

  before(async () => {
    store = await startStore();
    // Another origin on the same machine (same site for cookies: SameSite=Lax alone would not stop it).
    evil = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        req.url === '/frame'
          ? `<!doctype html><iframe id="victim" onload="window.frameDone = true" src="${store.url}bills"></iframe>`
          : `<!doctype html><form id="f" method="post" action="${store.url}checkout">
             <input name="product" value="xiaomi-14"><input name="quantity" value="1">
             <input name="plan" value="huabei:12"></form><script>document.getElementById('f').submit()</script>`,
      );
    });
    await new Promise((r) => evil.listen(0, '127.0.0.1', r));
    browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    evil?.close();
    await store?.close();
  });

  const evilUrl = (path) => `http://127.0.0.1:${evil.address().port}${path}`;

  it('refuses the checkout form another site posts with the shopper’s cookie', async () => {
    const page = await browser.newPage();
    await page.goto(store.url); // signed in: the browser holds the session cookie
    const before = JSON.stringify(await store.dump());
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${store.url}checkout`),
      page.goto(evilUrl('/post')),
    ]);
    assert.equal(answer.status(), 403);
    assert.equal(JSON.stringify(await store.dump()), before, 'no plan created');
    await page.close();
  });

  it('will not be framed: the bills page never loads in another site’s frame', async () => {
    const page = await browser.newPage();
    await page.goto(store.url);
    const loaded = page.waitForResponse((r) => r.url() === `${store.url}bills`);
    await page.goto(evilUrl('/frame'));
    assert.equal((await loaded).status(), 200, 'the store answered the frame’s request');
    // The frame's load event fires for a blocked frame too (on the browser's error page): then look inside.
    await page.waitForFunction(() => window.frameDone === true);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const panels = await frame
      .locator('fenqi-bill-panel')
      .count()
      .catch(() => 0);
    assert.equal(panels, 0, 'the bills page is not shown inside the frame');
    await page.close();
  });
});

describe('an interrupted write', () => {
  it('leaves nothing behind: temporary copies of a process that is gone are removed on start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fenqi-leftovers-'));
    // A pid no process has (Linux pids stop at 4,194,304), as a kill -9 of the writer leaves them.
    const gone = 4_194_999;
    const leftovers = [`store.json.${gone}.tmp`, `pglite.tmp-${gone}`];
    writeFileSync(join(dataDir, leftovers[0]), '{"version":2,"plans":[]}');
    mkdirSync(join(dataDir, leftovers[1]));
    const store = await startStore({ dataDir });
    try {
      for (const name of leftovers) assert.ok(!existsSync(join(dataDir, name)), `${name} removed`);
      assert.ok(existsSync(join(dataDir, 'pglite')), 'the store started on its database');
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
