// The page ↔ extension bridge for real: a page's messages go through the built extension's content script and
// background in Chromium and Firefox. Every list the merchant API allows reaches the extension in one `plans` message
// (110 plans × 24 installments is 262 KB, 9 × 360 more), and every refusal is acknowledged with its reason.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  ENGINE_NAME,
  launchWithExtension,
  localToday,
  nextAck,
  openStorePage,
  readStore,
  turnTrackingOn,
} from '../helpers/extension-driver.mjs';

/** A calendar date `days` from `date`. */
function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A plan as a store's merchant API might list it: `term` monthly-ish installments from next week. */
function storePlan(id, term) {
  const start = addDays(localToday(), 7);
  return {
    id,
    orderId: `ORD-${id}`,
    product: `Xiaomi 14 Ultra 16GB+512GB 黑色 · 订单 ${id}`,
    provider: { id: 'huabei', name: '花呗分期' },
    principal: 599_900 * term,
    currency: 'CNY',
    purchaseDate: addDays(start, -30),
    installments: Array.from({ length: term }, (_, i) => ({
      n: i + 1,
      dueDate: addDays(start, 30 * i),
      principal: 599_900,
      fee: 1_234,
      paid: 0,
      paidDate: null,
    })),
    autoDebit: false,
    preferredMethod: { id: 'pm-cmb', kind: 'debit-card', label: '招商银行储蓄卡', last4: '1234' },
    policy: { lateDailyRatePct: '0.05', graceDays: 3, unbilledFeesOnPayoff: 'charged' },
  };
}

describe(`the bridge with the built extension (${ENGINE_NAME})`, () => {
  let browser;
  let options;
  let page;
  let server;

  before(async () => {
    // Any page on a loopback port will do: no store answers there, only this one empty page.
    server = createServer((request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bills</title>'),
    );
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await launchWithExtension();
    options = await turnTrackingOn(browser);
    page = await openStorePage(browser, `http://127.0.0.1:${server.address().port}/bills`, { waitFor: false });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Posts `message` from the page as its bill panel would; resolves with the ack it gets. */
  async function post(message, of = message.type) {
    await page.evaluate((m) => {
      window.fenqiAcks.length = 0;
      window.postMessage(m, window.location.origin);
    }, message);
    return nextAck(page, of, { timeout: 120_000 });
  }

  it('stores a store’s whole list: 110 plans × 24 installments, then 9 plans × 360', async () => {
    const large = {
      fenqi: 1,
      type: 'plans',
      payload: { plans: Array.from({ length: 110 }, (_, i) => storePlan(`L${i}`, 24)) },
    };
    assert.ok(JSON.stringify(large).length > 256 * 1024, 'larger than the old 256 KB limit');
    assert.deepEqual(await post(large), { of: 'plans', ok: true });
    assert.equal((await readStore(options, 'plans')).length, 110);
    const long = {
      fenqi: 1,
      type: 'plans',
      payload: { plans: Array.from({ length: 9 }, (_, i) => storePlan(`T${i}`, 360)) },
    };
    assert.deepEqual(await post(long), { of: 'plans', ok: true });
    const stored = await readStore(options, 'plans');
    assert.equal(stored.filter((p) => !p.archived).length, 9);
    assert.equal(stored.find((p) => p.id === 'T8').installments.length, 360);
  });

  it('answers every refused message with what was wrong, and stores nothing from it', async () => {
    const before = await readStore(options, 'plans');
    const broken = storePlan('B', 3);
    broken.installments[1].dueDate = '2030-02-30';
    const refusals = [
      [
        { fenqi: 1, type: 'plans', payload: { plans: [broken] } },
        'plans',
        /^payload\.plans\[0\]\.installments\[1\]\.dueDate: /,
      ],
      [{ fenqi: 1, type: 'plans', payload: {} }, 'plans', /^payload\.plans: /],
      [
        { fenqi: 1, type: 'repaid', payload: { plan: { ...storePlan('A\uD800', 3) } } },
        'repaid',
        /^payload\.plan\.id: /,
      ],
      [{ fenqi: 1, type: 'give-me-everything', payload: {} }, null, /^type: unknown message type$/],
    ];
    for (const [message, of, reason] of refusals) {
      const ack = await post(message, of);
      assert.equal(ack.ok, false, JSON.stringify(ack));
      assert.match(ack.reason, reason);
    }
    assert.deepEqual(await readStore(options, 'plans'), before);
  });

  it('files the store’s name as its page’s metadata announces it, cleaned; never a name the message claims', async () => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const siteName = async () => (await readStore(options, 'sites')).find((s) => s.origin === origin)?.name;
    // The message names itself; the page announces nothing: the content script replaces the claim with nothing.
    const claimed = { fenqi: 1, type: 'plans', payload: { plans: [storePlan('N', 3)], store: '支付宝官方' } };
    assert.deepEqual(await post(claimed), { of: 'plans', ok: true });
    assert.equal(await siteName(), undefined);
    // The page announces a name with a direction override and a line break in it, longer than a name needs.
    await page.evaluate(() => {
      const meta = Object.assign(document.createElement('meta'), { name: 'application-name' });
      meta.content = `moc.yapila\u202E Pay\nNow ${'长'.repeat(50)}`;
      document.head.append(meta);
    });
    assert.deepEqual(await post(claimed), { of: 'plans', ok: true });
    assert.equal(await siteName(), `moc.yapila Pay Now ${'长'.repeat(20)}…`);
    // The plan page shows it over the host the browser stamped.
    const planPage = await browser.extensionPage(`plan.html?${new URLSearchParams({ origin, id: 'N' })}`);
    await planPage.waitFor('body[data-ready="true"]');
    assert.deepEqual(await planPage.texts('.origin > span'), [await siteName(), new URL(origin).host]);
    await planPage.close();
  });
});
