// The demo store's two shoppers in Chromium, under the store's own CSP: the first visit signs in 张三 with no
// extra step, the switch at the top of the page changes to 李四, and each sees only their own plans and
// their own SMS codes on the bills page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';
import { startDemoStore } from '../helpers/e2e.mjs';

describe('the demo store’s shoppers in the browser', () => {
  let store;
  let browser;
  let page;
  const problems = [];

  before(async () => {
    store = await startDemoStore();
    browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    // Chromium logs every 4xx answer ("Failed to load resource"); the 409 challenge is meant.
    page.on(
      'console',
      (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()),
    );
    page.on('pageerror', (e) => problems.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await store?.close();
  });

  const plan = (product) => page.locator('fenqi-bill-panel li.plan', { hasText: product });

  it('signs in the first shopper on the first visit: their plans, no sign-in step', async () => {
    await page.goto(`${store.url}bills`);
    await plan('Redmi K70').waitFor();
    assert.match(await page.locator('.demo-shopper').innerText(), /演示买家：张三/);
    assert.equal(await plan('Redmi Pad Pro').count(), 0, 'not the other shopper’s plan');
    const [cookie] = await page.context().cookies();
    assert.equal(cookie.name, 'fenqi_session');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read the session');
  });

  it('switches to the other shopper, who sees only their own plans', async () => {
    await Promise.all([
      page.waitForURL(`${store.url}bills`, { waitUntil: 'load' }),
      page.getByRole('button', { name: '切换到李四' }).click(),
    ]);
    await plan('Redmi Pad Pro').waitFor();
    assert.match(await page.locator('.demo-shopper').innerText(), /演示买家：李四/);
    assert.equal(await plan('Redmi K70').count(), 0, 'the first shopper’s plans are gone');
  });

  it('shows the shopper’s own code on the SMS banner, not the other’s', async () => {
    // 张三 asks for a code through the API, then 李四's page asks the banner for the newest text.
    const first = await browser.newContext();
    const other = await first.newPage();
    await other.goto(store.url);
    const challenge = await other.evaluate(async () => {
      const r = await fetch('/api/plans/plan-2401/preferred-method', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ methodId: 'pm-wechat' }),
      });
      return { status: r.status, body: await r.json() };
    });
    assert.equal(challenge.status, 409, JSON.stringify(challenge.body));
    const code = /验证码 (\d{6})/.exec(store.log.findLast((l) => l.includes('验证码')))[1];
    await first.close();

    const messages = await page.evaluate(async () => (await (await fetch('/demo/sms')).json()).messages);
    assert.ok(!JSON.stringify(messages).includes(code), '李四 never sees 张三’s code');
    assert.deepEqual(problems, []);
  });
});
