// The purchase as the checkout seed describes it (issue 15), in Chromium with the built extension (tracking on)
// on the demo store: the product page's
// plan → 确认订单 with the server's quote (its total including fees is the selector's and the booked plan's) →
// back to change the plan with the cart kept → 提交订单 → the provider's payment password: a wrong one and a
// cancelled payment book nothing and say so; the right one books the plan under review, which the store then
// approves once its review delay is over on the store's clock, which the test moves on (or, above the provider's
// credit line, rejects with the reason). The bill panel shows 审核中 and reads
// the plan again until it is approved; the extension lists it as under review, counts down only active plans,
// then the approved one. The review delay is short and the test waits for the answer to change, never for a
// fixed time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  eventually,
  expectedBadge,
  launchWithExtension,
  nextAck,
  readStore,
  startDemoStore,
  turnTrackingOn,
} from '../helpers/e2e.mjs';

/** 张三's payment password at the demo provider (demo/seed.ts; the authorization page shows it too). */
const PASSWORD = '246810';
const REVIEW_MS = 10 * 60_000;
/** The store's clock: a review is due when the test moves it on, whatever the machine's speed. */
let clock = Date.now();

describe('a purchase at the demo store, from the product page to the provider’s review', () => {
  let store;
  let browser;
  let options;
  let page;
  const problems = [];

  before(async () => {
    store = await startDemoStore({ reviewDelayMs: REVIEW_MS, now: () => clock });
    browser = await launchWithExtension();
    options = await turnTrackingOn(browser);
    page = await browser.context.newPage();
    // The extension's acks to the page's announcements, per document (see openStorePage).
    await page.addInitScript(() => {
      window.fenqiAcks = [];
      window.addEventListener('message', (event) => {
        if (event.source === window && event.data?.fenqi === 1 && event.data.type === 'ack')
          window.fenqiAcks.push(event.data.payload);
      });
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // Chromium logs every 4xx answer ("Failed to load resource"): a wrong password's page is meant to be one.
    page.on(
      'console',
      (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()),
    );
  });

  after(async () => {
    await browser?.close();
    await store?.close();
  });

  const term = (n) => page.locator(`fenqi-plan-selector [part="term"][data-term="${n}"]`);
  const provider = (name) => page.locator('fenqi-plan-selector [part="provider"]', { hasText: name });
  /** The selector's 总还款 for the chosen plan, as the shopper reads it. */
  const selectorTotal = () =>
    page.locator('fenqi-plan-selector [part="summary"] dd').nth(1).locator('[aria-hidden="true"]').innerText();
  /** The shopper's plans as the store's API gives them (the page's own session). */
  const plans = () =>
    page.evaluate(
      async () => (await (await fetch('/api/plans', { headers: { accept: 'application/json' } })).json()).plans,
    );
  const countPlans = async () => (await plans()).length;
  const stored = async (id) => (await readStore(options, 'plans')).find((p) => p.id === id);
  const badge = () => options.evaluate(() => chrome.action.getBadgeText({}));
  const card = (id) => page.locator(`fenqi-bill-panel li.plan[data-plan="${id}"]`);

  /** The chosen term's selector card as the shopper read it before confirming. */
  let chosenCard = '';
  async function chooseAndConfirm(quantity, providerName, n) {
    await page.goto(store.url);
    await term(12).waitFor();
    await page.locator('#quantity').fill(String(quantity));
    await provider(providerName).click();
    await term(n).click();
    await page.waitForFunction(
      (count) => document.querySelector('#total').textContent.replace(/[^\d]/g, '') === String(599900 * count),
      quantity,
    );
    const shown = await selectorTotal();
    // (Non-breaking spaces on the card, so it wraps before the "+" only; the page uses plain ones.)
    chosenCard = (await term(n).innerText()).replace(/\u00a0/g, ' ');
    await Promise.all([page.waitForURL(/\/confirm\?/), page.locator('#checkout button[type="submit"]').click()]);
    await page.getByRole('heading', { name: '确认订单' }).waitFor();
    return shown;
  }

  let confirmedTotal;
  it('confirms the order (确认订单) with the selector’s plan and total, as the server quoted it', async () => {
    const shown = await chooseAndConfirm(2, '花呗分期', 6);
    confirmedTotal = await page.locator('#total-repayment').innerText();
    assert.equal(confirmedTotal, shown, 'the total including fees is the selector’s');
    const goods = await page.locator('#order-goods').innerText();
    assert.match(goods, /Xiaomi 14 12GB\+256GB/);
    assert.match(goods, /数量\s+2/);
    assert.match(goods, /¥11,998\.00/);
    const plan = await page.locator('#order-plan').innerText();
    assert.match(plan, /花呗分期 · 6期/);
    assert.match(plan, /每期应还\s+¥2,\d{3}\.\d{2} × [56]期/);
    // The same periods as the selector card (shared oddPeriod()), odd fen and all.
    const perPeriod = await page.locator('#per-period').innerText();
    assert.ok(chosenCard.includes(perPeriod), `the card says "${chosenCard}", the confirmation "${perPeriod}"`);
    assert.match(plan, /手续费总额\s+¥539\.91/); // 4.5 % of ¥11,998.00
    assert.match(plan, /年化利率\s+\d+\.\d{2}%（复利 \d+\.\d{2}%）/);
    assert.match(await page.locator('main').innerText(), /收货地址/);
  });

  it('goes back to change the plan without losing the cart', async () => {
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.locator('#change-plan').click()]);
    await term(6).waitFor();
    assert.equal(await page.locator('#quantity').inputValue(), '2', 'the quantity is kept');
    assert.equal(await page.locator('#total').innerText(), '¥11,998.00');
    assert.equal(await page.locator('fenqi-plan-selector').evaluate((el) => el.value), 'huabei:6', 'the plan too');
    await term(12).click();
    const shown = await selectorTotal();
    await Promise.all([page.waitForURL(/\/confirm\?/), page.locator('#checkout button[type="submit"]').click()]);
    assert.match(await page.locator('#order-plan').innerText(), /花呗分期 · 12期/);
    confirmedTotal = await page.locator('#total-repayment').innerText();
    assert.equal(confirmedTotal, shown);
  });

  it('books nothing for a wrong payment password, and says how many tries are left', async () => {
    const before = await countPlans();
    await Promise.all([page.waitForURL(/\/pay\?order=/), page.getByRole('button', { name: '提交订单' }).click()]);
    assert.equal(await page.locator('#pay-total').innerText(), confirmedTotal, 'the provider asks for the same total');
    await page.locator('#password').fill('000000');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/pay' && r.request().method() === 'POST'),
      page.getByRole('button', { name: '确认支付' }).click(),
    ]);
    assert.equal(answer.status(), 422);
    assert.equal(await page.locator('#pay-error').innerText(), '支付密码错误，还可尝试 2 次。');
    assert.equal(await countPlans(), before, 'no plan');
  });

  it('books nothing when the shopper cancels the payment, says so, and keeps the order to confirm again', async () => {
    const before = await countPlans();
    await page.getByRole('button', { name: '取消支付' }).click();
    await page.getByRole('heading', { name: '已取消支付' }).waitFor();
    assert.match(await page.locator('#order-result').innerText(), /未扣款，也未创建分期计划/);
    assert.equal(await countPlans(), before, 'no plan');
    await Promise.all([page.waitForURL(/\/confirm\?/), page.locator('#back-to-order').click()]);
    assert.match(await page.locator('#order-plan').innerText(), /花呗分期 · 12期/);
    assert.equal(await page.locator('#total-repayment').innerText(), confirmedTotal);
  });

  let booked;
  it('books the plan with the right password: under review (审核中), repaying the confirmed total', async () => {
    await Promise.all([page.waitForURL(/\/pay\?order=/), page.getByRole('button', { name: '提交订单' }).click()]);
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/bills'),
      page.getByRole('button', { name: '确认支付' }).click(),
    ]);
    const [newest] = await plans();
    booked = newest;
    assert.equal(booked.product, 'Xiaomi 14 12GB+256GB ×2');
    assert.equal(booked.provider.id, 'huabei');
    assert.equal(booked.installments.length, 12);
    const total = booked.installments.reduce((sum, it) => sum + it.principal + it.fee, 0);
    assert.equal(
      new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(total / 100),
      confirmedTotal,
      'the booked plan repays the total the shopper confirmed',
    );
    assert.equal(booked.status, 'under-review');
  });

  it('shows it 审核中 in the panel, without actions, and in the extension, which counts down only active plans', async () => {
    await card(booked.id).locator('[part="badge"]', { hasText: '审核中' }).waitFor();
    assert.match(await card(booked.id).innerText(), /审核通过后开始还款并发货，期间无需还款。/);
    assert.equal(await card(booked.id).locator('button').count(), 0);
    await nextAck(page);
    const copy = await stored(booked.id);
    assert.equal(copy.status, 'under-review');
    const active = (await plans()).filter((p) => (p.status ?? 'active') === 'active');
    assert.equal(await badge(), expectedBadge(active), 'the badge counts down to active plans only');
    const popup = await browser.extensionPage('popup.html');
    const listed = popup.locator(`#under-review li.plan[data-plan="${booked.id}"]`);
    await listed.waitFor();
    assert.match(await listed.innerText(), /Under review|审核中/);
    await popup.close();
  });

  it('is approved once the review is over: the panel reads it again, active with its schedule, and so is the extension', async () => {
    clock += REVIEW_MS;
    // The panel reads the plans again by itself (after 3 s, then longer) until the plan is decided.
    await card(booked.id).locator('button.repay').waitFor({ timeout: 60_000 });
    const approved = (await plans()).find((p) => p.id === booked.id);
    assert.equal(approved.status, 'active');
    assert.deepEqual(approved.installments, booked.installments);
    await card(booked.id).getByRole('button', { name: '还款计划' }).click();
    assert.equal(await card(booked.id).locator('tbody tr').count(), 12);
    const copy = await eventually(async () => (await stored(booked.id))?.status === 'active' && stored(booked.id), {
      timeout: 10_000,
      message: 'the extension’s copy approved',
    });
    assert.equal(copy.nextDue, booked.installments[0].dueDate, 'counted down from its first due date');
    const active = (await plans()).filter((p) => (p.status ?? 'active') === 'active');
    assert.equal(await badge(), expectedBadge(active));
    assert.deepEqual(problems, []);
  });

  it('rejects a purchase above the provider’s credit line, with the reason', async () => {
    await chooseAndConfirm(4, '花呗分期', 6);
    await Promise.all([page.waitForURL(/\/pay\?order=/), page.getByRole('button', { name: '提交订单' }).click()]);
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/bills'),
      page.getByRole('button', { name: '确认支付' }).click(),
    ]);
    const [big] = await plans();
    assert.equal(big.principal, 4 * 599900);
    assert.equal(big.status, 'under-review');
    clock += REVIEW_MS;
    const rejected = (await plans()).find((p) => p.id === big.id);
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.statusReason, '超出花呗分期可用额度（¥20,000.00）');
    const shown = card(big.id);
    await shown.locator('[part="badge"]', { hasText: '未通过' }).waitFor({ timeout: 60_000 });
    assert.match(await shown.innerText(), /原因：超出花呗分期可用额度（¥20,000\.00）。未生成还款计划，无需还款。/);
    const copy = await eventually(async () => (await stored(big.id))?.status === 'rejected' && stored(big.id), {
      timeout: 10_000,
      message: 'the extension’s copy rejected',
    });
    assert.equal(copy.archived, true, 'archived, never reminded');
    assert.deepEqual(problems, []);
  });
});
