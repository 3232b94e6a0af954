// docs/examples/requote-on-server.mjs, the README's server-side example, is runnable and right: run as a script it
// prints a quote, and its re-quote and repayment check give the demo store's own figures for the same order.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { signIn } from '../helpers/demo-api.mjs';
import { startDemoStore } from '../helpers/e2e.mjs';

const EXAMPLE = 'docs/examples/requote-on-server.mjs';
// Imported as a merchant's app does: `fenqi/domain` resolves through package.json's exports to the built package.
const { loadConfig, repay, requote } = await import(`../../${EXAMPLE}`);
const config = await loadConfig(new URL('../../demo/public/config.json', import.meta.url));

let store;
before(async () => {
  store = await startDemoStore();
});
after(() => store?.close());

test('run as a script, the example prints a quote and a refusal', () => {
  const out = execFileSync(process.execPath, [EXAMPLE], { encoding: 'utf8' });
  assert.match(out, /^huabei:12 for ¥5,999\.00: 12 × \d+ fen, fee \d+ fen\nrefused: unknown-term\n$/);
});

test('the re-quote of a checkout is the plan the demo store booked, and the refusals are the store’s', async () => {
  const shopper = await signIn(store);
  const answer = await shopper.fetch('checkout', {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    // With 张三's payment password (demo/seed.ts): submitted and authorized in one request.
    body: new URLSearchParams({
      product: 'xiaomi-14',
      quantity: '2',
      plan: 'card:6',
      password: '246810',
      csrf: shopper.csrf,
    }),
  });
  assert.equal(answer.status, 201);
  const { plan: booked } = await answer.json();
  const { plan } = requote(config, 'card:6', booked.principal);
  assert.deepEqual(
    plan.installments.map((i) => [i.dueDate, i.principal, i.fee]),
    booked.installments.map((i) => [i.dueDate, i.principal, i.fee]),
  );
  assert.deepEqual(requote(config, 'nope:6', 599900), { refused: 'unknown-provider' });
  assert.deepEqual(requote(config, 'card:5', 599900), { refused: 'unknown-term' });
  assert.deepEqual(requote(config, 'card:6', 100), { refused: 'amount-out-of-range' });
});

test('the repayment check asks again for another total and charges what the demo store charges', async () => {
  const shopper = await signIn(store);
  const { plans, asOf } = await (await shopper.fetch('api/plans')).json();
  const plan = plans.find((p) => p.installments.some((i) => i.paid < i.principal + i.fee));
  const asked = repay(plan, { payoff: true, expectedTotal: 1 }, asOf);
  assert.equal(asked.status, 409);
  assert.equal(asked.body.error.code, 'amount-changed');
  const confirmed = repay(plan, { payoff: true, expectedTotal: asked.body.total }, asOf);
  assert.equal(confirmed.status, 200);
  assert.equal(confirmed.charged, asked.body.total);
  const charged = await shopper.fetch(`api/plans/${plan.id}/repayments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      payoff: true,
      methodId: 'pm-cmb',
      requestId: 'example-1',
      expectedTotal: confirmed.charged,
    }),
  });
  const receipt = await charged.json();
  assert.equal(charged.status, 200, JSON.stringify(receipt));
  assert.equal(receipt.repayment.charged, confirmed.charged);
  assert.deepEqual(receipt.plan.installments, { ...confirmed.plan, origin: receipt.plan.origin }.installments);
});
