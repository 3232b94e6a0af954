// The extension's own pages, driven in Chromium and Firefox with the built extension and two demo stores: the
// plan page's full schedule, and the options page's reminder days, language, export / import, per-site switch and
// "delete everything".
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  badgeText,
  DEMO_STORE_NAME,
  ENGINE_NAME,
  eventually,
  launchWithExtension,
  localToday,
  nextAck,
  notificationIds,
  openStorePage,
  readStore,
  startDemoStore,
  turnTrackingOn,
} from '../helpers/extension-driver.mjs';
import { servedPlans } from '../helpers/demo-api.mjs';
import { amountDue } from '../../dist/npm/widget/domain.js';

const STORES = ['plans', 'reminders', 'notices', 'sites', 'settings'];

/** Money as the extension's pages write it in English (shared/format.ts `formatFen`). */
const yuan = (fen) =>
  new Intl.NumberFormat('en', {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
  }).format(fen / 100);

/** Every record of every store, for "nothing changed" checks. */
async function everything(tab) {
  const out = {};
  for (const name of STORES) out[name] = await readStore(tab, name);
  return out;
}

const byKey = (plans) => [...plans].sort((a, b) => `${a.origin} ${a.id}`.localeCompare(`${b.origin} ${b.id}`));

describe(`the extension’s plan and options pages (${ENGINE_NAME})`, () => {
  let store;
  let other;
  let browser;
  let options;
  let served;
  let scratch;

  before(async () => {
    [store, other] = await Promise.all([startDemoStore(), startDemoStore()]);
    browser = await launchWithExtension();
    scratch = mkdtempSync(join(tmpdir(), 'fenqi-e2e-files-'));
    options = await turnTrackingOn(browser);
    served = await servedPlans(store);
    for (const s of [store, other]) await (await openStorePage(browser, `${s.url}bills`)).close();
    assert.equal((await readStore(options, 'plans')).length, 6);
    await options.reload();
    await options.waitFor('body[data-ready="true"]');
  });

  after(async () => {
    await browser?.close();
    await store?.close();
    await other?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('plan page: shows the full schedule of a stored plan, each installment’s state on today', async () => {
    const plan = served.find((p) => p.id === 'plan-2401');
    const page = await browser.extensionPage(`plan.html?${new URLSearchParams({ origin: store.origin, id: plan.id })}`);
    await page.waitFor('body[data-ready="true"]');
    assert.equal(await page.text('h1'), plan.product);
    // The store's name as its bills page announced it, over the host the browser stamped.
    assert.deepEqual(await page.texts('.origin > span'), [DEMO_STORE_NAME, new URL(store.origin).host]);
    const rows = await page.evalAll('tbody tr', (trs) =>
      trs.map((tr) => ({
        className: tr.className,
        cells: [...tr.cells].map((td) => td.innerText),
        datetime: tr.querySelector('time')?.getAttribute('datetime'),
      })),
    );
    assert.equal(rows.length, plan.installments.length);
    const today = localToday();
    // What each unpaid installment costs if paid today, the older ones first: the figure the store charges.
    const unpaidCount = plan.installments.filter((it) => it.paid < it.principal + it.fee).length;
    const owed = new Map(amountDue(plan, { count: unpaidCount }, today).installments.map((d) => [d.n, d.total]));
    for (const [i, it] of plan.installments.entries()) {
      const { cells, datetime } = rows[i];
      const state = it.paid >= it.principal + it.fee ? 'Paid' : it.dueDate < today ? 'Overdue' : undefined;
      assert.equal(cells[0], String(it.n));
      assert.equal(datetime, it.dueDate);
      assert.equal(cells[2], yuan(owed.get(it.n) ?? it.principal + it.fee));
      assert.equal(cells[3], yuan(it.paid));
      if (state) assert.equal(cells[4], state, `installment ${it.n}`);
    }
    // The seed: two paid, the third overdue, the rest ahead.
    assert.deepEqual(
      rows.slice(0, 3).map((r) => r.className),
      ['paid', 'paid', 'overdue'],
    );
    const total = plan.installments.reduce((sum, it) => sum + it.principal + it.fee, 0);
    assert.match(await page.text('main'), new RegExp(`Total: ${yuan(total).replace(/[.$]/g, '\\$&')}`));
    assert.equal(await page.count('button[data-flow]'), 2, 'Repay and Payment method');

    // A paid-off plan has its schedule but nothing to pay; an unknown one says so.
    await page.goto((await page.url()).replace('plan-2401', 'plan-2403'));
    await page.waitFor('body[data-ready="true"]');
    assert.equal(await page.count('tbody tr.paid'), 3);
    assert.equal(await page.count('button[data-flow]'), 0);
    await page.waitForText('Paid off');
    await page.goto((await page.url()).replace('plan-2403', 'plan-nope'));
    await page.waitForText('This plan is not stored (any more).');
    await page.close();
  });

  it('plan page: a plan the store no longer lists says so and offers no action; listed again, it has them', async () => {
    // The store's page announces its list without plan-2402, as it would once the plan is gone from its API.
    const bills = await openStorePage(browser, `${store.url}bills`);
    const acks = () => bills.evaluate(() => window.fenqiAcks.filter((a) => a.of === 'plans').length);
    await bills.evaluate(
      (plans) => window.postMessage({ fenqi: 1, type: 'plans', payload: { plans } }, window.location.origin),
      served.filter((p) => p.id !== 'plan-2402'),
    );
    await eventually(async () => (await acks()) === 2, { message: 'the shorter list acknowledged' });
    const stored = (await readStore(options, 'plans')).find((p) => p.origin === store.origin && p.id === 'plan-2402');
    assert.equal(stored.archived, true);
    const page = await browser.extensionPage(
      `plan.html?${new URLSearchParams({ origin: store.origin, id: 'plan-2402' })}`,
    );
    await page.waitFor('body[data-ready="true"]');
    await page.waitForText('The store no longer lists this plan.');
    assert.ok((await page.count('tbody tr')) > 0, 'its schedule is still shown');
    assert.equal(await page.count('button[data-flow]'), 0, 'no Repay or Payment method');
    // The store lists it again (its page reloaded): the actions are back.
    await bills.reload();
    await nextAck(bills);
    await page.reload();
    await page.waitFor('body[data-ready="true"]');
    assert.equal(await page.count('button[data-flow]'), 2, 'Repay and Payment method');
    assert.equal(await page.evaluate(() => document.body.innerText.includes('no longer lists')), false);
    await page.close();
    await bills.close();
  });

  it('options: sets the reminder days', async () => {
    const settings = async () => (await readStore(options, 'settings'))[0];
    assert.deepEqual((await settings()).reminderDays, [3, 0]);
    assert.equal(await options.value('#remind-before'), '3');
    await options.fill('#remind-before', '7');
    await eventually(async () => JSON.stringify((await settings()).reminderDays) === '[7,0]', {
      message: 'reminder days [7, 0]',
    });
    await options.uncheck('#remind-on-day');
    await eventually(async () => JSON.stringify((await settings()).reminderDays) === '[7]', {
      message: 'reminder days [7]',
    });
    await options.reload();
    await options.waitFor('body[data-ready="true"]');
    assert.equal(await options.value('#remind-before'), '7');
    assert.equal(await options.isChecked('#remind-on-day'), false);
    await options.check('#remind-on-day');
    await eventually(async () => JSON.stringify((await settings()).reminderDays) === '[7,0]', {
      message: 'reminder days [7, 0]',
    });
    // Left at a week: the demo's upcoming installment (2–5 days away) then has a reminder on screen below.
  });

  it('options: the language switches the pages, the popup and the badge title', async () => {
    const title = () => options.evaluate(() => chrome.action.getTitle({}));
    // The store's host first (as the browser stamped it), then the plan and what is owed now.
    assert.match(await title(), /^127\.0\.0\.1:\d+ · Redmi K70 .* · ¥[\d,.]+ due /);
    // The due date as the shopper reads it ("Mar 3"), never ISO.
    assert.match(await title(), / due [A-Z][a-z]{2} \d{1,2}(, \d{4})?, /);
    assert.doesNotMatch(await title(), /\d{4}-\d{2}-\d{2}/);
    await options.select('#language', 'zh-CN');
    await options.waitFor('html[lang="zh-CN"]');
    assert.equal(await options.text('#title'), '分期助手 fenqi');
    assert.match(
      await title(),
      /^127\.0\.0\.1:\d+ · Redmi K70 .* · (\d{4}年)?\d{1,2}月\d{1,2}日到期 ¥[\d,.]+，已逾期 \d+ 天$/,
    );
    const popup = await browser.extensionPage('popup.html');
    await popup.waitFor('body[data-ready="true"]');
    assert.equal(await popup.attr('html', 'lang'), 'zh-CN');
    // The popup's heading is the options page's name in Chinese; in English a short one that fits 320 px.
    assert.equal(await popup.text('h1'), '分期助手 fenqi');
    assert.deepEqual(await popup.texts('h2'), ['已逾期', '待还']);
    assert.equal(await popup.text('li.plan button[data-flow="repay"]'), '还款');

    await options.select('#language', 'en');
    await options.waitFor('html[lang="en"]');
    assert.match(await title(), /^127\.0\.0\.1:\d+ · Redmi K70 .* overdue$/);
    await popup.reload();
    await popup.waitFor('body[data-ready="true"]');
    assert.equal(await popup.text('h1'), 'fenqi payments');
    assert.deepEqual(await popup.texts('h2'), ['Overdue', 'Upcoming']);
    await popup.close();
  });

  it('options: a setting the service worker refuses is told in the shopper’s language, not the worker’s reason', async () => {
    const before = await everything(options);
    // A language the worker does not know: the real refusal path (checkSettings), reached from the real select.
    const refuse = async () => {
      await options.evalOn('#status', (node) => (node.textContent = ''));
      await options.evalOn('#language', (select) => select.append(new Option('xx', 'xx')));
      await options.select('#language', 'xx');
    };
    await refuse();
    await options.waitForText('That could not be saved. Please try again.');
    assert.doesNotMatch(await options.text('#status'), /language/);
    await options.select('#language', 'zh-CN');
    await options.waitFor('html[lang="zh-CN"]');
    await refuse();
    await options.waitForText('未能保存，请重试。');
    assert.deepEqual(
      (await everything(options)).settings.map((s) => s.language),
      ['zh-CN'],
      'the refused language was not stored',
    );
    await options.select('#language', before.settings[0].language);
    await options.waitFor('html[lang="en"]');
  });

  it('options: exports JSON, and imports it back after "delete everything"', async () => {
    const before = await everything(options);
    await options.click('#export');
    const file = join(scratch, 'backup.json');
    copyFileSync(await browser.waitForDownload(new RegExp(`^fenqi-${localToday()}\\.json$`)), file);
    // It says what it saved: the two demo stores' three plans each.
    await options.waitForText('Exported 6 plans from 2 stores.');
    const backup = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(backup.fenqi, 'backup');
    assert.deepEqual(byKey(backup.plans), byKey(before.plans));
    assert.deepEqual(backup.sites, before.sites);

    options.acceptNextDialog();
    await options.click('#delete-all');
    await options.waitForText('Everything was deleted. Tracking is off.');
    assert.equal((await readStore(options, 'plans')).length, 0);

    await options.upload('#import', file);
    await options.waitForText('Imported 6 plans.');
    const now = await everything(options);
    assert.deepEqual(byKey(now.plans), byKey(before.plans));
    assert.deepEqual(now.sites, before.sites);
    assert.deepEqual(now.settings, before.settings);
    assert.equal(await options.isChecked('#tracking'), true);
    assert.deepEqual((await options.evaluate(() => chrome.alarms.getAll())).map((a) => a.name).sort(), [
      'fenqi-midnight',
      'fenqi-tick',
    ]);
  });

  it('options: refuses an invalid file with a message and changes nothing', async () => {
    const before = await everything(options);
    const good = JSON.parse(await readFile(join(scratch, 'backup.json'), 'utf8'));
    // A new, valid plan first and a broken one after it: all or nothing means neither lands.
    const added = { ...good.plans[0], id: 'plan-new' };
    const broken = { ...good.plans[1], installments: [{ ...good.plans[1].installments[0], dueDate: '2024-02-30' }] };
    const cases = [
      ['not-json.json', '{"fenqi": "backup", ', /^Nothing was imported: file: not JSON$/],
      [
        'broken.json',
        JSON.stringify({ ...good, plans: [added, broken, ...good.plans.slice(2)] }),
        /^Nothing was imported: plans\[1\]/,
      ],
      [
        'foreign.json',
        JSON.stringify({ ...good, plans: [{ ...added, origin: 'https://elsewhere.example' }] }),
        /^Nothing was imported: plans: no site for https:\/\/elsewhere\.example$/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const file = join(scratch, name);
      await writeFile(file, text);
      await options.evalOn('#status', (node) => (node.textContent = ''));
      await options.upload('#import', file);
      await eventually(async () => message.test(await options.text('#status')), {
        message: `refusal of ${name}`,
      });
      assert.deepEqual(await everything(options), before, `${name} changed nothing`);
    }
  });

  it('options: switching one store off removes its plans and refuses its messages; the other store is kept', async () => {
    const plans = () => readStore(options, 'plans');
    // The two demo stores are one site (127.0.0.1, ports folded), so one notification a day. It names this
    // store's plan-2401 (overdue) and plan-2402 (due soon), and the other store's too when the import above ran
    // (it restored both stores at once); else the other store's wait for tomorrow.
    const onScreen = await notificationIds(options);
    assert.equal(onScreen.length, 1, 'the site’s notification is on screen');
    const [notice] = await readStore(options, 'notices');
    const named = notice.reminders.map((r) => `${r.origin === store.origin ? 'store' : 'other'} ${r.planId}`);
    assert.deepEqual(
      named.filter((r) => r.startsWith('store')),
      ['store plan-2401', 'store plan-2402'],
    );
    const othersNamed = named.some((r) => r.startsWith('other'));
    const box = `#sites input[data-origin="${store.origin}"]`;
    assert.equal(await options.isChecked(box), true);
    await options.uncheck(box);
    await eventually(async () => (await plans()).every((p) => p.origin !== store.origin), {
      message: 'its plans removed',
    });
    assert.equal(
      (await plans()).filter((p) => p.origin === other.origin).length,
      3,
      'the other store’s plans are kept',
    );
    assert.deepEqual(
      (await readStore(options, 'reminders')).filter((r) => r.origin === store.origin),
      [],
      'its sent reminders are forgotten',
    );
    // It leaves the screen unless it also names the other store's installments, which are still due.
    assert.deepEqual(await notificationIds(options), othersNamed ? onScreen : []);

    const bills = await openStorePage(browser, `${store.url}bills`, { waitFor: false });
    // The store learns its plans were not stored, not that the shopper switched it off.
    assert.deepEqual(await nextAck(bills), { of: 'plans', ok: false, reason: 'not stored' });
    assert.equal((await plans()).filter((p) => p.origin === store.origin).length, 0, 'nothing stored from it');

    await options.check(box);
    await bills.reload();
    assert.deepEqual(await nextAck(bills), { of: 'plans', ok: true });
    assert.equal(
      (await plans()).filter((p) => p.origin === store.origin).length,
      3,
      'switched back on, it is tracked again',
    );
    await bills.close();
  });

  it('options: "delete everything" leaves 0 rows in every store and 0 alarms', async () => {
    assert.ok((await options.evaluate(() => chrome.alarms.getAll())).length > 0);
    options.acceptNextDialog();
    await options.click('#delete-all');
    await options.waitForText('Everything was deleted. Tracking is off.');
    for (const name of STORES) assert.deepEqual(await readStore(options, name), [], `${name} is empty`);
    assert.deepEqual(await options.evaluate(() => chrome.alarms.getAll()), []);
    assert.deepEqual(await options.evaluate(() => chrome.notifications.getAll()), {});
    assert.equal(await badgeText(options), '');
    assert.equal(await options.isChecked('#tracking'), false);

    // And it stays empty: a store page announcing plans now is refused.
    const bills = await openStorePage(browser, `${store.url}bills`, { waitFor: false });
    assert.deepEqual(await nextAck(bills), { of: 'plans', ok: false, reason: 'not stored' });
    for (const name of STORES) assert.deepEqual(await readStore(options, name), [], `${name} is still empty`);
    await bills.close();
  });

  it('options: a store that announces its plans while the page is open appears in Sites without a reload', async () => {
    // After "delete everything" above: no site, tracking off.
    await options.waitForText('No site has shown you plans yet.');
    await options.check('#tracking');
    await eventually(async () => (await readStore(options, 'settings'))[0]?.tracking === true, {
      message: 'tracking on',
    });
    const box = `#sites input[data-origin="${store.origin}"]`;
    assert.equal(await options.count(box), 0);
    await (await openStorePage(browser, `${store.url}bills`)).close();
    await options.waitFor(box);
    assert.equal(await options.isChecked(box), true);
    assert.equal(await options.count('#sites li'), 1, 'the store’s row replaces "no site yet"');
    // Its name as its page announced it, over its origin.
    assert.deepEqual((await options.text('#sites li')).split('\n'), [`Track ${DEMO_STORE_NAME}`, store.origin]);
  });

  it('plan page: states a plan under review, not approved (with the store’s reason) or cancelled, without actions', async () => {
    // The store's page lists three more plans that are not owed, as its API would show them.
    const like = served.find((p) => p.id === 'plan-2402');
    const extra = [
      { ...like, id: 'plan-rev', orderId: 'ORD-REV', status: 'under-review' },
      { ...like, id: 'plan-rej', orderId: 'ORD-REJ', status: 'rejected', statusReason: '超出花呗分期可用额度' },
      { ...like, id: 'plan-can', orderId: 'ORD-CAN', status: 'cancelled' },
    ];
    const bills = await openStorePage(browser, `${store.url}bills`);
    const acks = () => bills.evaluate(() => window.fenqiAcks.filter((a) => a.of === 'plans' && a.ok).length);
    await bills.evaluate(
      (plans) => window.postMessage({ fenqi: 1, type: 'plans', payload: { plans } }, window.location.origin),
      [...served, ...extra],
    );
    await eventually(async () => (await acks()) === 2, { message: 'the list with three more acknowledged' });
    await bills.close();
    const open = async (id) => {
      const page = await browser.extensionPage(`plan.html?${new URLSearchParams({ origin: store.origin, id })}`);
      await page.waitFor('body[data-ready="true"]');
      return page;
    };
    const expected = {
      'plan-rev': {
        en: /^Under review: Nothing is due until the provider approves it\.$/,
        zh: /^审核中：审核通过前无需还款。$/,
      },
      'plan-rej': { en: /^Not approved: 超出花呗分期可用额度$/, zh: /^未通过：超出花呗分期可用额度$/ },
      'plan-can': { en: /^Cancelled$/, zh: /^已取消$/ },
    };
    for (const lang of ['en', 'zh-CN']) {
      await options.select('#language', lang);
      await options.waitFor(`html[lang="${lang}"]`);
      for (const [id, words] of Object.entries(expected)) {
        const page = await open(id);
        assert.match(await page.text('.lifecycle'), lang === 'en' ? words.en : words.zh, `${id} in ${lang}`);
        assert.equal(await page.count('button[data-flow]'), 0, `${id}: no Repay or Payment method`);
        assert.ok((await page.count('tbody tr')) > 0, `${id}: its schedule is still shown`);
        await page.close();
      }
      // An active plan states nothing of the kind and keeps its actions.
      const active = await open('plan-2402');
      assert.equal(await active.count('.lifecycle'), 0);
      assert.equal(await active.count('button[data-flow]'), 2);
      await active.close();
    }
    await options.select('#language', 'en');
    await options.waitFor('html[lang="en"]');
  });
});
