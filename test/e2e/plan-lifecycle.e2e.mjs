// A plan's life at the demo store (issue 15, docs/merchant-api.md "A plan's life"): a purchase is booked under
// the provider's review, approved after the store's review delay, or rejected above the provider's credit line
// with a reason; while it is not active no repayment or method change is taken (409 plan-not-active) and
// nothing is written or texted. The store's clock is the test's: the review is due when the test moves it on,
// so nothing waits on wall time. Every answer is checked against docs/merchant-api.openapi.yaml.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../helpers/demo-api.mjs';
import { startStore } from '../helpers/demo-process.mjs';

const REVIEW_MS = 60_000;

describe('a plan’s life at the demo store', () => {
  let store;
  let shopper;
  let clock = Date.now();

  before(async () => {
    store = await startStore({ now: () => clock, reviewDelayMs: REVIEW_MS });
    shopper = await signIn(store);
  });

  after(() => store?.close());

  const buy = async (form) => {
    const answer = await shopper.fetch('checkout', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      // Submitted and authorized with 张三's payment password (demo/seed.ts) in one request.
      body: new URLSearchParams({ product: 'xiaomi-14', password: '246810', csrf: shopper.csrf, ...form }),
    });
    const body = await answer.json();
    assert.equal(answer.status, 201, JSON.stringify(body));
    return body.plan;
  };
  const plans = async () => {
    const answer = await shopper.fetch('api/plans');
    assert.equal(answer.status, 200);
    return (await answer.json()).plans;
  };
  const planNamed = async (id) => (await plans()).find((p) => p.id === id);
  const send = async (method, path, body) => {
    const answer = await shopper.fetch(`api/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: answer.status, body: await answer.json() };
  };
  const repayFirst = (plan, requestId) =>
    send('POST', `plans/${plan.id}/repayments`, {
      installments: [1],
      methodId: 'pm-cmb',
      requestId,
      expectedTotal: plan.installments[0].principal + plan.installments[0].fee,
    });

  it('shows the plans from before statuses as active', async () => {
    for (const plan of await plans()) assert.equal(plan.status, 'active', plan.id);
  });

  let reviewed;
  it('books a purchase under review, and takes no repayment or method change for it, writing nothing', async () => {
    reviewed = await buy({ quantity: '1', plan: 'huabei:12' });
    assert.equal(reviewed.status, 'under-review');
    assert.equal(reviewed.statusReason, undefined);
    assert.equal((await planNamed(reviewed.id)).status, 'under-review');
    clock += REVIEW_MS - 1;
    const before = await store.dump();
    const repaid = await repayFirst(reviewed, 'lifecycle-1');
    assert.equal(repaid.status, 409, JSON.stringify(repaid.body));
    assert.equal(repaid.body.error.code, 'plan-not-active');
    assert.equal(repaid.body.plan.status, 'under-review');
    const method = await send('PUT', `plans/${reviewed.id}/preferred-method`, { methodId: 'pm-alipay' });
    assert.equal(method.status, 409, JSON.stringify(method.body));
    assert.equal(method.body.error.code, 'plan-not-active');
    assert.deepEqual(await store.dump(), before, 'nothing was written');
    const sms = await (await shopper.fetch('demo/sms')).json();
    assert.deepEqual(sms.messages, [], 'no code was texted');
    assert.equal((await planNamed(reviewed.id)).status, 'under-review', 'still under review a moment before');
  });

  it('approves it once the review delay has passed: active with its schedule, and repayable', async () => {
    clock += 1;
    const [a, b] = await Promise.all([plans(), plans()]);
    const approved = a.find((p) => p.id === reviewed.id);
    assert.equal(approved.status, 'active');
    assert.deepEqual(
      b.find((p) => p.id === reviewed.id),
      approved,
      'both requests saw the one decision',
    );
    assert.deepEqual(approved.installments, reviewed.installments, 'the schedule quoted at the purchase');
    assert.equal(store.log.filter((l) => l === `review: plan ${reviewed.id} approved`).length, 1, store.log.join('\n'));
    const repaid = await repayFirst(approved, 'lifecycle-2');
    assert.equal(repaid.status, 200, JSON.stringify(repaid.body));
    assert.equal(repaid.body.plan.status, 'active');
    assert.equal(repaid.body.repayment.charged, approved.installments[0].principal + approved.installments[0].fee);
  });

  it('rejects a plan above the provider’s credit line, with the reason, and never takes a repayment for it', async () => {
    // Four phones, ¥23,996.00: within 花呗分期's order range (up to ¥50,000), above the demo's ¥20,000 line.
    const big = await buy({ quantity: '4', plan: 'huabei:6' });
    assert.equal(big.status, 'under-review');
    assert.equal(big.principal, 4 * 599900);
    clock += REVIEW_MS;
    const rejected = await planNamed(big.id);
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.statusReason, '超出花呗分期可用额度（¥20,000.00）');
    assert.ok(store.log.includes(`review: plan ${big.id} rejected (超出花呗分期可用额度（¥20,000.00）)`));
    const before = await store.dump();
    const repaid = await repayFirst(rejected, 'lifecycle-3');
    assert.equal(repaid.status, 409);
    assert.equal(repaid.body.error.code, 'plan-not-active');
    assert.equal(repaid.body.plan.status, 'rejected');
    assert.equal(repaid.body.plan.statusReason, rejected.statusReason);
    assert.deepEqual(await store.dump(), before, 'nothing was written');
  });

  it('keeps a plan under review across a restart and decides it afterwards', async () => {
    const pending = await buy({ quantity: '1', plan: 'card:3' });
    await store.restart();
    assert.equal((await planNamed(pending.id)).status, 'under-review');
    clock += REVIEW_MS;
    assert.equal((await planNamed(pending.id)).status, 'active');
  });

  it('refuses a status the database does not know', async () => {
    // The check constraint is the last line of defence: a status outside the four cannot be stored.
    const dump = await store.dump();
    assert.ok(
      dump.plans.every((row) => /,(under_review|active|rejected|cancelled),/.test(row)),
      dump.plans[0],
    );
  });
});
