// The shopper's whole journey against the real demo store in Chromium: buy a phone in 12 installments,
// find the plan on 我的分期, repay two installments, change the preferred payment method with the SMS
// code, restart the store, and find everything as it was.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';
import { startDemoStore } from '../helpers/e2e.mjs';

const PRODUCT = 'Xiaomi 14 12GB+256GB';

describe('bill panel against the demo store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fenqi-bills-'));
  let store;
  let browser;
  let page;
  const problems = [];

  before(async () => {
    store = await startDemoStore({ dataDir });
    browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    // Chromium logs every 4xx answer ("Failed to load resource"), and the panel logs the merchant's refusals; the
    // 409 challenge and the wrong code are meant.
    const meant = (text) => text.startsWith('Failed to load resource') || text.includes(': wrong-code: ');
    page.on('console', (m) => m.type() === 'error' && !meant(m.text()) && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const planItem = () => page.locator('fenqi-bill-panel li.plan', { hasText: PRODUCT });

  it('checks out a plan and shows it in the panel', async () => {
    // The product page's form, as the selector submits it: which product, how many, which plan (never a price).
    await page.goto(store.url);
    const status = await page.evaluate(async () => {
      const csrf = document.querySelector('input[name="csrf"]').value;
      // Submitted and authorized with 张三's payment password (demo/seed.ts) in one request.
      const body = new URLSearchParams({
        product: 'xiaomi-14',
        quantity: '1',
        plan: 'huabei:12',
        password: '246810',
        csrf,
      });
      const response = await fetch('/checkout', { method: 'POST', body, redirect: 'manual' });
      return response.type === 'opaqueredirect' ? 303 : response.status;
    });
    assert.equal(status, 303);

    await page.goto(`${store.url}bills`);
    await planItem().waitFor();
    assert.match(await planItem().innerText(), /0\/12期/);
    assert.match(await planItem().innerText(), /招商银行储蓄卡 \*\*\*\*1234/);
  });

  it('repays two installments', async () => {
    await planItem().getByRole('button', { name: '立即还款' }).click();
    const dialog = page.locator('fenqi-bill-panel dialog.repay');
    await dialog.waitFor();
    await dialog.locator('input[name="installment"]').nth(1).check();
    await dialog.locator('button.confirm:not([disabled])').waitFor();
    await dialog.locator('button.confirm').click();
    await dialog.locator('.result').waitFor();
    assert.match(await dialog.locator('.result').innerText(), /还款成功.*第1期、第2期/s);
    await dialog.getByRole('button', { name: '完成' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(await planItem().innerText(), /2\/12期/);
  });

  it('changes the preferred payment method with the SMS code', async () => {
    await planItem().getByRole('button', { name: '修改支付方式' }).click();
    const dialog = page.locator('fenqi-bill-panel dialog.method');
    await dialog.getByRole('radio', { name: /支付宝余额/ }).check();
    await dialog.getByRole('button', { name: '下一步' }).click();
    const code = await page.locator('#demo-sms:not([hidden])').getAttribute('data-code');
    assert.match(code, /^\d{6}$/);
    assert.ok(
      store.log.some((line) => line.includes(code)),
      'the code is in the server log',
    );

    await dialog.locator('input[name="code"]').fill(code === '000000' ? '111111' : '000000');
    await dialog.getByRole('button', { name: '确认修改' }).click();
    await dialog.getByText(/验证码错误，还可尝试 \d 次/).waitFor();

    await dialog.locator('input[name="code"]').fill(code);
    await dialog.getByRole('button', { name: '确认修改' }).click();
    await dialog.locator('.result').waitFor();
    await dialog.getByRole('button', { name: '完成' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(await planItem().innerText(), /自动扣款：支付宝余额/);
  });

  it('finds everything as it was after the store restarts', async () => {
    await store.restart();
    await page.reload();
    await planItem().waitFor();
    const text = await planItem().innerText();
    assert.match(text, /2\/12期/);
    assert.match(text, /自动扣款：支付宝余额/);
    const { plans } = await page.evaluate(async () => (await fetch('/api/plans')).json());
    const plan = plans.find((p) => p.product === PRODUCT);
    assert.deepEqual(
      plan.installments.map((i) => i.paid === i.principal + i.fee),
      [true, true, false, false, false, false, false, false, false, false, false, false],
    );
    assert.equal(plan.preferredMethod.id, 'pm-alipay');
  });

  it('opens the repay flow from a deep link, and says so when the plan is unknown', async () => {
    await page.goto(`${store.url}bills#fenqi=repay&plan=plan-2401`);
    const dialog = page.locator('fenqi-bill-panel dialog.repay');
    await dialog.waitFor();
    assert.match(await dialog.locator('h2').innerText(), /Redmi K70/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.evaluate(() => (location.hash = '#fenqi=method&plan=plan-nope'));
    await page.locator('fenqi-bill-panel .notice').getByText('找不到分期 plan-nope').waitFor();
    assert.deepEqual(problems, []);
  });
});
