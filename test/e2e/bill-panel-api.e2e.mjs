// The demo store's merchant API over HTTP (docs/merchant-api.md): every refusal is a 4xx JSON error that
// leaves store.json byte for byte as it was; accepted changes survive a restart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDemoStore } from '../helpers/e2e.mjs';

describe('demo store merchant API', () => {
  let store;
  const file = () => readFileSync(join(store.dataDir, 'store.json'), 'utf8');

  before(async () => {
    store = await startDemoStore();
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
    const response = await fetch(new URL(path, store.url), { ...init, redirect: 'manual' });
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
    const before = file();
    const answer = await call(method, path, body, type);
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, code);
    assert.equal(typeof answer.body.error.message, 'string');
    assert.equal(file(), before, 'store.json unchanged');
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
    const methods = await call('GET', '/api/payment-methods');
    assert.equal(methods.body.paymentMethods[0].label, '招商银行储蓄卡');
    const config = await call('GET', '/api/config');
    assert.equal(config.status, 200);
    assert.ok(Array.isArray(config.body.providers));
  });

  it('refuses malformed repayments with 4xx and writes nothing', async () => {
    const path = '/api/plans/plan-2401/repayments';
    await refused(415, 'unsupported-media-type', 'POST', path, 'installments=3', 'application/x-www-form-urlencoded');
    await refused(400, 'invalid-json', 'POST', path, '{"installments": [3', 'application/json');
    await refused(400, 'invalid-request', 'POST', path, [3]);
    await refused(400, 'invalid-request', 'POST', path, { installments: [3], methodId: 'pm-cmb', extra: 1 });
    await refused(400, 'invalid-request', 'POST', path, { installments: [], methodId: 'pm-cmb' });
    await refused(400, 'invalid-request', 'POST', path, { installments: [3.5], methodId: 'pm-cmb' });
    await refused(400, 'invalid-request', 'POST', path, { installments: [3, 3], methodId: 'pm-cmb' });
    await refused(400, 'invalid-request', 'POST', path, { installments: [3], payoff: true, methodId: 'pm-cmb' });
    await refused(400, 'invalid-request', 'POST', path, { payoff: false, methodId: 'pm-cmb' });
    await refused(400, 'invalid-request', 'POST', path, { installments: [3] });
    await refused(400, 'invalid-request', 'POST', path, { installments: [3], methodId: 'pm-cmb', requestId: 'x' });
    await refused(413, 'payload-too-large', 'POST', path, { installments: [3], methodId: 'x'.repeat(20000) });
    await refused(404, 'unknown-plan', 'POST', '/api/plans/plan-nope/repayments', {
      installments: [1],
      methodId: 'pm-cmb',
    });
    await refused(422, 'unknown-method', 'POST', path, { installments: [3], methodId: 'pm-nope' });
    await refused(422, 'not-oldest-first', 'POST', path, { installments: [4], methodId: 'pm-cmb' });
    await refused(422, 'not-oldest-first', 'POST', path, { installments: [3, 5], methodId: 'pm-cmb' });
    await refused(422, 'unknown-installment', 'POST', path, { installments: [9], methodId: 'pm-cmb' });
    await refused(422, 'paid-off', 'POST', '/api/plans/plan-2403/repayments', { payoff: true, methodId: 'pm-cmb' });
    await refused(402, 'payment-declined', 'POST', path, { installments: [3], methodId: 'pm-boc' });
    await refused(405, 'method-not-allowed', 'GET', path);
    await refused(405, 'method-not-allowed', 'DELETE', '/api/plans');
    await refused(404, 'not-found', 'GET', '/api/nothing');
  });

  it('repays the oldest unpaid installment with its late charge, once per request id', async () => {
    const body = { installments: [3], methodId: 'pm-cmb', requestId: 'e2e-request-0001' };
    const first = await call('POST', '/api/plans/plan-2401/repayments', body);
    assert.equal(first.status, 200);
    const it3 = first.body.plan.installments[2];
    assert.equal(it3.paid, it3.principal + it3.fee);
    assert.equal(first.body.repayment.charged, it3.principal + it3.fee + first.body.repayment.lateCharge);
    assert.ok(first.body.repayment.lateCharge > 0, 'installment 3 was overdue');
    assert.deepEqual(first.body.repayment.installments, [3]);

    const stored = file();
    const again = await call('POST', '/api/plans/plan-2401/repayments', body);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.repayment, first.body.repayment);
    assert.equal(file(), stored, 'a retry charges nothing');
    await refused(422, 'request-id-reused', 'POST', '/api/plans/plan-2401/repayments', {
      ...body,
      installments: [4],
    });
  });

  it('pays off a plan', async () => {
    const answer = await call('POST', '/api/plans/plan-2402/repayments', { payoff: true, methodId: 'pm-icbc' });
    assert.equal(answer.status, 200);
    assert.ok(answer.body.plan.installments.every((i) => i.paid === i.principal + i.fee));
    assert.equal(answer.body.repayment.installments.length, 12);
  });

  it('changes the preferred method only with the SMS code', async () => {
    const path = '/api/plans/plan-2401/preferred-method';
    await refused(400, 'invalid-request', 'PUT', path, { methodId: 'pm-alipay', verification: '12345' });
    await refused(422, 'unknown-method', 'PUT', path, { methodId: 'pm-nope' });
    await refused(404, 'unknown-plan', 'PUT', '/api/plans/plan-nope/preferred-method', { methodId: 'pm-alipay' });
    await refused(422, 'verification-expired', 'PUT', path, { methodId: 'pm-alipay', verification: '123456' });

    const before = file();
    const challenge = await call('PUT', path, { methodId: 'pm-alipay' });
    assert.equal(challenge.status, 409);
    assert.deepEqual(challenge.body, { verification: 'sms', hint: '验证码已发送至 138****8000' });
    assert.equal(file(), before);
    const code = lastCode();
    assert.ok(!file().includes(code), 'the code is not stored');
    const sms = await call('GET', '/demo/sms');
    assert.equal(sms.body.messages[0].code, code);

    const wrong = code === '000000' ? '111111' : '000000';
    await refused(422, 'wrong-code', 'PUT', path, { methodId: 'pm-alipay', verification: wrong });
    await refused(422, 'verification-expired', 'PUT', path, { methodId: 'pm-wechat', verification: code });

    await call('PUT', path, { methodId: 'pm-alipay' });
    const resent = lastCode();
    const done = await call('PUT', path, { methodId: 'pm-alipay', verification: resent });
    assert.equal(done.status, 200);
    assert.equal(done.body.plan.preferredMethod.id, 'pm-alipay');
    assert.equal(done.body.plan.autoDebit, true);
  });

  it('forgets a code after five wrong tries', async () => {
    const path = '/api/plans/plan-2403/preferred-method';
    await call('PUT', path, { methodId: 'pm-wechat' });
    const code = lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      await refused(422, 'wrong-code', 'PUT', path, { methodId: 'pm-wechat', verification: wrong });
    await refused(422, 'verification-expired', 'PUT', path, { methodId: 'pm-wechat', verification: code });
  });

  it('sends at most five codes per plan in ten minutes', async () => {
    const path = '/api/plans/plan-2402/preferred-method';
    for (let i = 0; i < 5; i++) assert.equal((await call('PUT', path, { methodId: 'pm-wechat' })).status, 409);
    const sent = (await call('GET', '/demo/sms')).body.messages.length;
    await refused(429, 'too-many-codes', 'PUT', path, { methodId: 'pm-wechat' });
    assert.equal((await call('GET', '/demo/sms')).body.messages.length, sent, 'no sixth text');
  });

  it('checks out the product form into a plan, and refuses bad forms without writing', async () => {
    const form = 'application/x-www-form-urlencoded';
    const ok = await call('POST', '/checkout', 'product=Xiaomi+14&amount=5999.00&plan=huabei%3A12', form);
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/bills');
    const { plans } = (await call('GET', '/api/plans')).body;
    const plan = plans.find((p) => p.product === 'Xiaomi 14');
    assert.equal(plan.principal, 599900);
    assert.equal(plan.installments.length, 12);
    assert.equal(plan.provider.id, 'huabei');

    const bad = async (body, code) => {
      const before = file();
      const answer = await fetch(new URL('/checkout', store.url), {
        method: 'POST',
        body,
        headers: { 'content-type': form, accept: 'application/json' },
        redirect: 'manual',
      });
      assert.equal(answer.status, 400, body);
      assert.equal((await answer.json()).error.code, code);
      assert.equal(file(), before);
    };
    await bad('product=Xiaomi+14&amount=5999.001&plan=huabei%3A12', 'invalid-request');
    await bad('product=Xiaomi+14&amount=-1&plan=huabei%3A12', 'invalid-request');
    await bad('product=&amount=5999.00&plan=huabei%3A12', 'invalid-request');
    await bad('product=Xiaomi+14&amount=5999.00&plan=huabei', 'invalid-request');
    await bad('product=Xiaomi+14&amount=5999.00&plan=nope%3A12', 'unknown-provider');
    await bad('product=Xiaomi+14&amount=5999.00&plan=huabei%3A7', 'unknown-term');
    await bad('product=Xiaomi+14&amount=1.00&plan=huabei%3A12', 'amount-out-of-range');
    await bad('product=a&product=b&amount=5999.00&plan=huabei%3A12', 'invalid-request');

    const page = await call('POST', '/checkout', 'product=Xiaomi+14&amount=abc&plan=huabei%3A12', form);
    assert.equal(page.status, 400);
    assert.match(page.body, /下单失败/);
  });

  it('keeps every accepted change across a restart', async () => {
    const before = (await call('GET', '/api/plans')).body.plans;
    await store.restart();
    const afterRestart = (await call('GET', '/api/plans')).body.plans;
    assert.deepEqual(afterRestart, before);
    // The repayment log survives too: the earlier request id is still answered, not charged again.
    const again = await call('POST', '/api/plans/plan-2401/repayments', {
      installments: [3],
      methodId: 'pm-cmb',
      requestId: 'e2e-request-0001',
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.repayment.id, 'rp-00001');
  });
});
