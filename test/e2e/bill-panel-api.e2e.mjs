// The demo store's merchant API over HTTP (docs/merchant-api.md): every refusal is a 4xx JSON error that
// leaves every table as it was; accepted changes survive a restart. On the embedded database, and again on a
// real PostgreSQL server when there is one (scripts/postgres.mjs starts a throwaway one).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPostgres } from '../../scripts/postgres.mjs';
import { signIn } from '../helpers/demo-api.mjs';
import { spawnDemoStore, startStore } from '../helpers/demo-process.mjs';

const postgres = await startPostgres();
if (postgres.skip) console.log(`# the PostgreSQL runs are skipped: ${postgres.skip}`);
after(() => postgres.stop?.());

/** The calendar date in Shanghai at `instant`, worked out here with Intl, apart from the store's code. */
const shanghaiDate = (instant = Date.now()) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);

for (const database of ['embedded', 'PostgreSQL'])
  describe(
    `demo store merchant API (${database} database)`,
    { skip: database === 'PostgreSQL' && postgres.skip },
    () => {
      let store;
      /** The receipt of the first repayment, asked for again after a restart. */
      let receipt;
      /** Every row of the store's data (plans, methods, repayments …), as text: what a refusal must not change. */
      const file = async () => {
        const { verification_codes, verification_failures, ...data } = await store.dump();
        return JSON.stringify(data);
      };
      /** The signed-in demo shopper (the one the store's pages sign in). */
      let shopper;

      /** The store's clock, moved on (never waited for) where a rule counts time. */
      let clock = Date.now();

      before(async () => {
        const databaseUrl = database === 'PostgreSQL' ? await postgres.createDatabase() : undefined;
        store = await startStore({ databaseUrl, now: () => clock });
        shopper = await signIn(store);
      });

      after(async () => {
        await store?.close();
      });

      async function call(method, path, body, type = 'application/json') {
        const init = { method, headers: {} };
        if (body !== undefined) {
          init.body = typeof body === 'string' ? body : JSON.stringify(body);
          init.headers['content-type'] = type;
        }
        const response = await shopper.fetch(path.replace(/^\//, ''), { ...init, redirect: 'manual' });
        const text = await response.text();
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
        return { status: response.status, body: json, headers: response.headers };
      }

      /** Asserts the request is refused with `status` and `code` and that nothing was written. */
      async function refused(status, code, method, path, body, type) {
        const before = await file();
        const answer = await call(method, path, body, type);
        assert.equal(answer.status, status, JSON.stringify(answer.body));
        assert.equal(answer.body.error.code, code);
        assert.equal(typeof answer.body.error.message, 'string');
        assert.equal(await file(), before, 'store.json unchanged');
        return answer.body.error;
      }

      const lastCode = () => /验证码 (\d{6})/.exec(store.log.findLast((l) => l.includes('验证码')))[1];

      it('lists the seeded plans and payment methods', async () => {
        const plans = await call('GET', '/api/plans');
        assert.equal(plans.status, 200);
        assert.deepEqual(
          plans.body.plans.map((p) => p.id),
          ['plan-2401', 'plan-2402', 'plan-2403'],
        );
        assert.ok(plans.body.plans.every((p) => p.origin === store.origin));
        assert.equal(plans.body.asOf, shanghaiDate(), 'the business date');
        const methods = await call('GET', '/api/payment-methods');
        assert.equal(methods.body.paymentMethods[0].label, '招商银行储蓄卡');
        const config = await call('GET', '/api/config');
        assert.equal(config.status, 200);
        assert.ok(Array.isArray(config.body.providers));
      });

      it('refuses malformed repayments with 4xx and writes nothing', async () => {
        const path = '/api/plans/plan-2401/repayments';
        const ok = { methodId: 'pm-cmb', expectedTotal: 0 };
        await refused(
          415,
          'unsupported-media-type',
          'POST',
          path,
          'installments=3',
          'application/x-www-form-urlencoded',
        );
        await refused(400, 'invalid-json', 'POST', path, '{"installments": [3', 'application/json');
        await refused(400, 'invalid-request', 'POST', path, [3]);
        await refused(400, 'invalid-request', 'POST', path, { installments: [3], ...ok, extra: 1 });
        await refused(400, 'invalid-request', 'POST', path, { installments: [], ...ok });
        await refused(400, 'invalid-request', 'POST', path, { installments: [3.5], ...ok });
        await refused(400, 'invalid-request', 'POST', path, { installments: [3, 3], ...ok });
        await refused(400, 'invalid-request', 'POST', path, { installments: [3], payoff: true, ...ok });
        await refused(400, 'invalid-request', 'POST', path, { payoff: false, ...ok });
        await refused(400, 'invalid-request', 'POST', path, { installments: [3], expectedTotal: 0 });
        await refused(400, 'invalid-request', 'POST', path, { installments: [3], ...ok, requestId: 'x' });
        // The confirmed total is required, in whole fen.
        await refused(400, 'invalid-request', 'POST', path, { installments: [3], methodId: 'pm-cmb' });
        await refused(400, 'invalid-request', 'POST', path, {
          installments: [3],
          methodId: 'pm-cmb',
          expectedTotal: 522.84,
        });
        await refused(400, 'invalid-request', 'POST', path, {
          installments: [3],
          methodId: 'pm-cmb',
          expectedTotal: '52284',
        });
        await refused(400, 'invalid-request', 'POST', path, {
          installments: [3],
          methodId: 'pm-cmb',
          expectedTotal: -1,
        });
        await refused(413, 'payload-too-large', 'POST', path, { installments: [3], methodId: 'x'.repeat(20000) });
        await refused(404, 'unknown-plan', 'POST', '/api/plans/plan-nope/repayments', { installments: [1], ...ok });
        await refused(422, 'unknown-method', 'POST', path, {
          installments: [3],
          methodId: 'pm-nope',
          expectedTotal: 0,
        });
        await refused(422, 'not-oldest-first', 'POST', path, { installments: [4], ...ok });
        await refused(422, 'not-oldest-first', 'POST', path, { installments: [3, 5], ...ok });
        await refused(422, 'unknown-installment', 'POST', path, { installments: [9], ...ok });
        await refused(422, 'paid-off', 'POST', '/api/plans/plan-2403/repayments', { payoff: true, ...ok });
        const total = (await call('POST', path, { installments: [3], methodId: 'pm-boc', expectedTotal: 0 })).body
          .total;
        await refused(402, 'payment-declined', 'POST', path, {
          installments: [3],
          methodId: 'pm-boc',
          expectedTotal: total,
        });
        await refused(405, 'method-not-allowed', 'GET', path);
        await refused(405, 'method-not-allowed', 'DELETE', '/api/plans');
        await refused(404, 'not-found', 'GET', '/api/nothing');
      });

      it('charges nothing when the confirmed total is not what is owed now (409 amount-changed)', async () => {
        const path = '/api/plans/plan-2401/repayments';
        const before = await file();
        const { plans, asOf } = (await call('GET', '/api/plans')).body;
        const plan = plans.find((p) => p.id === 'plan-2401');
        // What the card showed before late charges were counted: the installment without its ¥0.52-a-day.
        const it3 = plan.installments[2];
        const shown = it3.principal + it3.fee;
        const answer = await call('POST', path, {
          installments: [3],
          methodId: 'pm-cmb',
          requestId: 'e2e-stale-total-1',
          expectedTotal: shown,
        });
        assert.equal(answer.status, 409, JSON.stringify(answer.body));
        assert.equal(answer.body.error.code, 'amount-changed');
        assert.equal(typeof answer.body.error.message, 'string');
        assert.equal(answer.body.expectedTotal, shown);
        assert.ok(answer.body.total > shown, 'the late charge is owed too');
        assert.equal(answer.body.asOf, asOf);
        assert.deepEqual(answer.body.plan, plan, 'the plan as it stands, unchanged');
        assert.equal(await file(), before, 'nothing charged, nothing written');
      });

      it('repays the oldest unpaid installment with its late charge, once per request id', async () => {
        const quoted = await call('POST', '/api/plans/plan-2401/repayments', {
          installments: [3],
          methodId: 'pm-cmb',
          expectedTotal: 0,
        });
        const body = {
          installments: [3],
          methodId: 'pm-cmb',
          requestId: 'e2e-request-0001',
          expectedTotal: quoted.body.total,
        };
        const first = await call('POST', '/api/plans/plan-2401/repayments', body);
        assert.equal(first.status, 200);
        const it3 = first.body.plan.installments[2];
        assert.equal(it3.paid, it3.principal + it3.fee);
        assert.equal(first.body.repayment.charged, it3.principal + it3.fee + first.body.repayment.lateCharge);
        assert.equal(first.body.repayment.charged, body.expectedTotal, 'charged what was confirmed');
        assert.equal(first.body.repayment.date, shanghaiDate(), 'booked on the business date');
        assert.ok(first.body.repayment.lateCharge > 0, 'installment 3 was overdue');
        assert.deepEqual(first.body.repayment.installments, [3]);
        receipt = first.body.repayment;

        const stored = await file();
        const again = await call('POST', '/api/plans/plan-2401/repayments', body);
        assert.equal(again.status, 200);
        assert.deepEqual(again.body.repayment, first.body.repayment);
        assert.equal(await file(), stored, 'a retry charges nothing');
        await refused(422, 'request-id-reused', 'POST', '/api/plans/plan-2401/repayments', {
          ...body,
          installments: [4],
        });
        await refused(422, 'request-id-reused', 'POST', '/api/plans/plan-2401/repayments', {
          ...body,
          expectedTotal: body.expectedTotal + 1,
        });
      });

      it('pays off a plan', async () => {
        const path = '/api/plans/plan-2402/repayments';
        const { total } = (await call('POST', path, { payoff: true, methodId: 'pm-icbc', expectedTotal: 0 })).body;
        const answer = await call('POST', path, { payoff: true, methodId: 'pm-icbc', expectedTotal: total });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.repayment.charged, total);
        assert.ok(answer.body.plan.installments.every((i) => i.paid === i.principal + i.fee));
        assert.equal(answer.body.repayment.installments.length, 12);
      });

      it('changes the preferred method only with the SMS code', async () => {
        const path = '/api/plans/plan-2401/preferred-method';
        await refused(400, 'invalid-request', 'PUT', path, { methodId: 'pm-alipay', verification: '12345' });
        await refused(422, 'unknown-method', 'PUT', path, { methodId: 'pm-nope' });
        await refused(404, 'unknown-plan', 'PUT', '/api/plans/plan-nope/preferred-method', { methodId: 'pm-alipay' });
        await refused(422, 'verification-expired', 'PUT', path, { methodId: 'pm-alipay', verification: '123456' });

        const before = await file();
        const challenge = await call('PUT', path, { methodId: 'pm-alipay' });
        assert.equal(challenge.status, 409);
        assert.deepEqual(challenge.body, { verification: 'sms', hint: '验证码已发送至 138****8000', resendAfter: 60 });
        assert.equal(await file(), before);
        const code = lastCode();
        const { verification_codes: codes } = await store.dump();
        assert.equal(codes.length, 1);
        assert.ok(!codes[0].split(/[,()"]/).includes(code), `the code is not stored: ${codes[0]}`);
        const sms = await call('GET', '/demo/sms');
        assert.equal(sms.body.messages[0].code, code);

        const wrong = code === '000000' ? '111111' : '000000';
        const error = await refused(422, 'wrong-code', 'PUT', path, { methodId: 'pm-alipay', verification: wrong });
        assert.equal(error.attemptsLeft, 2, 'three tries per code');
        await refused(422, 'verification-expired', 'PUT', path, { methodId: 'pm-wechat', verification: code });

        // Another code for the same change only after resendAfter (the store's clock is moved on, not waited for).
        await refused(429, 'too-many-codes', 'PUT', path, { methodId: 'pm-alipay' });
        assert.equal(lastCode(), code, 'no text for the early resend');
        clock += 60_000;
        await call('PUT', path, { methodId: 'pm-alipay' });
        const resent = lastCode();
        const done = await call('PUT', path, { methodId: 'pm-alipay', verification: resent });
        assert.equal(done.status, 200);
        assert.equal(done.body.plan.preferredMethod.id, 'pm-alipay');
        assert.equal(done.body.plan.autoDebit, true);
      });

      it('gives up a code after three wrong tries', async () => {
        const path = '/api/plans/plan-2403/preferred-method';
        await call('PUT', path, { methodId: 'pm-wechat' });
        const code = lastCode();
        const wrong = code === '000000' ? '111111' : '000000';
        const left = [];
        for (let i = 0; i < 3; i++)
          left.push(
            (await refused(422, 'wrong-code', 'PUT', path, { methodId: 'pm-wechat', verification: wrong }))
              .attemptsLeft,
          );
        assert.deepEqual(left, [2, 1, 0]);
        await refused(422, 'verification-expired', 'PUT', path, { methodId: 'pm-wechat', verification: code });
      });

      const form = 'application/x-www-form-urlencoded';
      /** A checkout the store refuses with 400 `code`, writing nothing. */
      async function badCheckout(body, code) {
        const before = await file();
        const answer = await shopper.fetch('checkout', {
          method: 'POST',
          body: `${body}&csrf=${shopper.csrf}`,
          headers: { 'content-type': form, accept: 'application/json' },
          redirect: 'manual',
        });
        assert.equal(answer.status, 400, body);
        assert.equal((await answer.json()).error.code, code, body);
        assert.equal(await file(), before);
      }

      it('prices the order itself: product and quantity from its catalogue, the plan from its config', async () => {
        const ok = await call(
          'POST',
          '/checkout',
          // With 张三's payment password (demo/seed.ts): submitted and authorized in one request.
          `product=xiaomi-14&quantity=2&plan=huabei%3A12&password=246810&csrf=${shopper.csrf}`,
          form,
        );
        assert.equal(ok.status, 303);
        assert.equal(ok.headers.get('location'), '/bills');
        const { plans } = (await call('GET', '/api/plans')).body;
        const plan = plans.find((p) => p.product === 'Xiaomi 14 12GB+256GB ×2');
        assert.equal(plan.principal, 2 * 599900);
        assert.equal(plan.installments.length, 12);
        assert.equal(plan.provider.id, 'huabei');
        assert.equal(
          plan.installments.reduce((sum, i) => sum + i.principal, 0),
          2 * 599900,
        );
      });

      it('refuses a page that names its own price: amount=100.00 for the ¥5,999 phone creates no plan', async () => {
        await badCheckout('product=xiaomi-14&quantity=1&amount=100.00&plan=huabei%3A12', 'invalid-request');
        // The form as it was before the store priced orders: a product name and an amount.
        await badCheckout('product=Xiaomi+14+12GB%2B256GB&amount=100.00&plan=huabei%3A12', 'invalid-request');
        await badCheckout('product=xiaomi-14&principal=10000&plan=huabei%3A12', 'invalid-request');
        const { plans } = (await call('GET', '/api/plans')).body;
        assert.ok(
          plans.every((p) => p.principal !== 10000),
          'no plan of ¥100.00',
        );
      });

      it('refuses bad checkout forms without writing', async () => {
        await badCheckout('product=xiaomi-15&quantity=1&plan=huabei%3A12', 'unknown-product');
        await badCheckout('product=&quantity=1&plan=huabei%3A12', 'unknown-product');
        await badCheckout('product=xiaomi-14&quantity=0&plan=huabei%3A12', 'invalid-request');
        await badCheckout('product=xiaomi-14&quantity=6&plan=huabei%3A12', 'invalid-request');
        await badCheckout('product=xiaomi-14&quantity=1.5&plan=huabei%3A12', 'invalid-request');
        await badCheckout('product=xiaomi-14&quantity=1&plan=huabei', 'invalid-request');
        await badCheckout('product=xiaomi-14&quantity=1&plan=nope%3A12', 'unknown-provider');
        await badCheckout('product=xiaomi-14&quantity=1&plan=huabei%3A7', 'unknown-term');
        // 小米分期 lends at most ¥20,000: four phones are ¥23,996.
        await badCheckout('product=xiaomi-14&quantity=4&plan=mifi%3A12', 'amount-out-of-range');
        await badCheckout('product=xiaomi-14&product=xiaomi-14&plan=huabei%3A12', 'invalid-request');
        await badCheckout('product=xiaomi-14&quantity=1&plan=huabei%3A12&note=x', 'invalid-request');

        const page = await call(
          'POST',
          '/checkout',
          `product=xiaomi-14&quantity=abc&plan=huabei%3A12&csrf=${shopper.csrf}`,
          form,
        );
        assert.equal(page.status, 400);
        assert.match(page.body, /下单失败/);
      });

      it('serves the product page with the catalogue’s price, and the bills on the business date', async () => {
        const page = await call('GET', '/');
        assert.equal(page.status, 200);
        assert.match(page.body, /<h1>Xiaomi 14 12GB\+256GB<\/h1>/);
        assert.match(page.body, /amount="5999\.00"/);
        assert.match(page.body, /name="product" value="xiaomi-14"/);
        assert.doesNotMatch(page.body, /\{\{|name="amount"/);
        const bills = await call('GET', '/bills');
        assert.match(
          bills.body,
          new RegExp(`<fenqi-bill-panel api="/api" today="${shanghaiDate()}">`),
          'the business date',
        );
      });

      it('keeps every accepted change across a restart', async () => {
        const before = (await call('GET', '/api/plans')).body.plans;
        const tables = await file();
        const first = (await store.dump()).repayments.find((r) => r.includes('e2e-request-0001'));
        assert.ok(first, 'the repayment is in the database');
        await store.restart();
        const afterRestart = (await call('GET', '/api/plans')).body.plans;
        assert.deepEqual(afterRestart, before);
        assert.equal(await file(), tables, 'every row as it was');
        // The repayment log survives too: the earlier request id is still answered, not charged again.
        const again = await call('POST', '/api/plans/plan-2401/repayments', {
          installments: [3],
          methodId: 'pm-cmb',
          requestId: 'e2e-request-0001',
          expectedTotal: receipt.charged,
        });
        assert.equal(again.status, 200);
        assert.deepEqual(again.body.repayment, receipt);
      });
    },
  );

describe('the demo store’s business date', () => {
  // The server's machine in Honolulu (UTC−10: a day behind Shanghai from 14:00 to 10:00 UTC) and on Kiritimati
  // (UTC+14: a day ahead from 10:00 to 16:00 UTC), so at any hour one of them is on another date than Shanghai:
  // the store's date stays Shanghai's, and it charges on that date.
  for (const zone of ['Pacific/Honolulu', 'Pacific/Kiritimati']) {
    it(`is Shanghai's date with the machine in ${zone}`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'fenqi-zone-'));
      const server = await spawnDemoStore({ TZ: zone, DEMO_DATA: dataDir });
      try {
        const start = shanghaiDate();
        const shopper = await signIn(server);
        const { asOf } = await (await shopper.fetch('api/plans')).json();
        assert.ok([start, shanghaiDate()].includes(asOf), `${asOf} is Shanghai's date (${start})`);
        const post = (expectedTotal) =>
          shopper
            .fetch('api/plans/plan-2401/repayments', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ installments: [3], methodId: 'pm-cmb', expectedTotal }),
            })
            .then((r) => r.json());
        const { total } = await post(0);
        const { repayment } = await post(total);
        assert.equal(repayment.date, asOf, 'charged on the date it answered with');
      } finally {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});
