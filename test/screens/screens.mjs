// The screens a shopper sees, and how to reach each one for real: the demo store (real server, real widget
// build) in Chromium, and the built extension loaded into Chromium. Used by the screen tests
// (test/screens/*.e2e.mjs) and by `npm run screenshots` (scripts/screenshots.mjs), so the gallery shows
// exactly what the tests checked. Run `npm run build` first.
//
// Each screen is reached once per language, then looked at in every width and colour scheme by resizing the
// page and emulating prefers-color-scheme: a few page loads per language instead of one per picture.
import { execFileSync, spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';
import { launchWithExtension, openStorePage, startDemoStore, turnTrackingOn } from '../helpers/e2e.mjs';
import { inspect } from './inspect.mjs';

/** Width → height of the viewports: iPhone SE (1st gen), a small Android, iPhone 14, iPad, a laptop. */
export const VIEWPORTS = { 320: 568, 360: 740, 390: 844, 768: 1024, 1280: 800 };
export const WIDTHS = Object.keys(VIEWPORTS).map(Number);
export const SCHEMES = ['light', 'dark'];
/** Widths below this are touch screens: 44 × 44 px targets, 16 px inputs. */
const TOUCH_BELOW = 1024;

/**
 * The languages (and direction) a screen is shown in; the name is the `lang` part of a picture's file name.
 * `rtl`: a right-to-left page (Arabic), for which the widget falls back to English words.
 */
export const WIDGET_LANGS = {
  'zh-CN': { lang: 'zh-CN' },
  en: { lang: 'en' },
  rtl: { lang: 'ar', dir: 'rtl' },
};
export const EXTENSION_LANGS = ['zh-CN', 'en'];

/**
 * Screens known to fail a check today, each with the reason. This is the only place a failing screen may be
 * excused: its tests still run and are reported as TODO (never silently skipped), and a listed screen that
 * passes fails its test until it is taken off this list.
 * `widths`, `langs`, `schemes` narrow an entry (all when left out).
 * @type {{ screen: string, widths?: number[], langs?: string[], schemes?: string[], reason: string }[]}
 */
export const KNOWN_FAILURES = [];

/** The reason `screen` is excused at this width, language and scheme, or null. */
export function knownFailure(screen, width, lang, scheme) {
  const hit = KNOWN_FAILURES.find(
    (k) =>
      k.screen === screen &&
      (!k.widths || k.widths.includes(width)) &&
      (!k.langs || k.langs.includes(lang)) &&
      (!k.schemes || k.schemes.includes(scheme)),
  );
  return hit?.reason ?? null;
}

const panel = (selector) => ['fenqi-bill-panel', selector];
const BUY = ['#checkout button[type="submit"]'];
/** The demo's 12-period plan with nothing paid yet: the longest list of installments to repay. */
const LONG = 'li.plan[data-plan="plan-2402"]';
const repayDialog = 'fenqi-bill-panel dialog.repay';
const methodDialog = 'fenqi-bill-panel dialog.method';
/** How long the session's store keeps a new plan under review; the session's clock is moved past it, never waited. */
const REVIEW_MS = 60_000;

/**
 * Buys on the demo's own pages, as a shopper does: the confirmation (确认订单) of `quantity` 小米14 on 花呗 12期,
 * 提交订单, and, unless `stopAt` names the page to stop on, the payment password (张三's, demo/seed.ts), which books
 * the plan under review and leads to 我的分期.
 */
async function buy({ page, store }, quantity, { stopAt = null } = {}) {
  await page.goto(`${store.url}confirm?${new URLSearchParams({ product: 'xiaomi-14', quantity, plan: 'huabei:12' })}`);
  await page.locator('#submit-order button[type="submit"]').waitFor();
  if (stopAt === 'confirm') return;
  await page.locator('#submit-order button[type="submit"]').click();
  await page.locator('#authorize input[name="password"]').waitFor();
  if (stopAt === 'pay') return;
  await page.locator('#authorize input[name="password"]').fill('246810');
  await page.locator('#authorize button[type="submit"]').click();
  await page.waitForURL(/\/bills$/);
}

/**
 * The widget's screens on the demo store, in the order one shopper reaches them (each starts where the one
 * before left off). `dialog`: the open dialog, which must fit the screen; `primary`: the action that must be
 * reachable (on a page) or visible without scrolling (in a dialog); `langs`: the languages the screen is looked
 * at in (all when left out; the demo's own order pages are written in Chinese only, and are walked through in
 * every language but judged in zh-CN).
 */
export const WIDGET_SCREENS = [
  {
    id: 'product',
    primary: BUY,
    async reach({ page, store }) {
      await page.goto(store.url);
      await page.locator('fenqi-plan-selector [part="term"]').first().waitFor();
    },
  },
  {
    id: 'product-schedule',
    primary: BUY,
    async reach({ page }) {
      await page.locator('fenqi-plan-selector [part="details"] summary').click();
      await page.locator('fenqi-plan-selector [part="schedule"] td').first().waitFor();
    },
  },
  {
    id: 'bills',
    primary: panel(`${LONG} button.repay`),
    async reach({ page, store }) {
      await page.goto(`${store.url}bills`);
      await page.locator(`fenqi-bill-panel ${LONG}`).waitFor();
    },
  },
  {
    id: 'bills-schedule',
    primary: panel(`${LONG} button.repay`),
    async reach({ page }) {
      await page.locator(`fenqi-bill-panel ${LONG} button.toggle`).click();
      await page.locator(`fenqi-bill-panel ${LONG} table tr[data-n]`).first().waitFor();
    },
  },
  {
    id: 'repay',
    dialog: panel('dialog.repay'),
    primary: panel('dialog.repay button.confirm'),
    async reach({ page }) {
      await page.locator(`fenqi-bill-panel ${LONG} button.toggle`).click();
      await page.locator(`fenqi-bill-panel ${LONG} button.repay`).click();
      await page.locator(`${repayDialog} select option`).first().waitFor({ state: 'attached' });
      await page.locator(`${repayDialog} button.confirm:not([disabled])`).waitFor();
    },
  },
  {
    id: 'repay-declined',
    dialog: panel('dialog.repay'),
    primary: panel('dialog.repay button.confirm'),
    async reach({ page }) {
      // The demo store declines every payment from this card.
      await page.locator(`${repayDialog} select`).selectOption('pm-boc');
      await page.locator(`${repayDialog} button.confirm:not([disabled])`).click();
      await page.locator(`${repayDialog} p.error`).filter({ hasText: /\S/ }).waitFor();
      await page.locator(`${repayDialog} button.confirm:not([disabled])`).waitFor();
    },
  },
  {
    id: 'repay-done',
    dialog: panel('dialog.repay'),
    primary: panel('dialog.repay button.done'),
    async reach({ page }) {
      await page.locator(`${repayDialog} select`).selectOption('pm-cmb');
      await page.locator(`${repayDialog} button.confirm:not([disabled])`).click();
      await page.locator(`${repayDialog} .result`).waitFor();
    },
  },
  {
    id: 'method',
    dialog: panel('dialog.method'),
    primary: panel('dialog.method button[type="submit"]'),
    async reach({ page }) {
      await page.locator(`${repayDialog} button.done`).click();
      await page.locator(repayDialog).waitFor({ state: 'detached' });
      await page.locator(`fenqi-bill-panel ${LONG} button.method`).click();
      await page.locator(`${methodDialog} input[name="method"]`).first().waitFor();
    },
  },
  {
    id: 'method-verify',
    dialog: panel('dialog.method'),
    primary: panel('dialog.method button[type="submit"]'),
    async reach({ page }) {
      await page.locator(`${methodDialog} input[value="pm-alipay"]`).check();
      await page.locator(`${methodDialog} button[type="submit"]`).click();
      await page.locator(`${methodDialog} input[name="code"]`).waitFor();
    },
  },
  {
    id: 'method-done',
    dialog: panel('dialog.method'),
    primary: panel('dialog.method button.done'),
    async reach({ page }) {
      // The demo store "texts" the code to a banner on the page.
      const code = await page.locator('#demo-sms:not([hidden])').getAttribute('data-code');
      await page.locator(`${methodDialog} input[name="code"]`).fill(code);
      await page.locator(`${methodDialog} button[type="submit"]`).click();
      await page.locator(`${methodDialog} .result`).waitFor();
    },
  },
  {
    id: 'product-error',
    async reach({ page, store }) {
      // A config-src the store does not serve (a real 404): the selector's error, in the page's language.
      await page.goto(store.url);
      await page.locator('fenqi-plan-selector [part="term"]').first().waitFor();
      await page.locator('fenqi-plan-selector').evaluate((el) => el.setAttribute('config-src', '/api/no-such-config'));
      await page.locator('fenqi-plan-selector [part="error"]').waitFor();
    },
  },
  {
    id: 'confirm',
    langs: ['zh-CN'],
    primary: ['#submit-order button[type="submit"]'],
    async reach(session) {
      // First a purchase above the provider's credit line (4 × ¥5,999), decided (未通过) once the clock has
      // passed its review; the 12-period purchase of one phone after it stays under review (审核中).
      await buy(session, '4');
      session.advance(REVIEW_MS);
      await buy(session, '1', { stopAt: 'confirm' });
    },
  },
  {
    id: 'pay',
    langs: ['zh-CN'],
    primary: ['#authorize button[type="submit"]'],
    async reach({ page }) {
      await page.locator('#submit-order button[type="submit"]').click();
      await page.locator('#authorize input[name="password"]').waitFor();
    },
  },
  {
    id: 'bills-review',
    primary: panel(`${LONG} button.repay`),
    async reach({ page, store }) {
      await page.locator('#authorize input[name="password"]').fill('246810');
      await page.locator('#authorize button[type="submit"]').click();
      await page.waitForURL(/\/bills$/);
      // Once more, in the session's language (the page reached by the store's redirect is served as it is).
      await page.goto(`${store.url}bills`);
      await page.locator('fenqi-bill-panel li.plan[data-status="under-review"]').waitFor();
      await page.locator('fenqi-bill-panel li.plan[data-status="rejected"]').waitFor();
    },
  },
  {
    id: 'bills-empty',
    primary: panel('a.shop'),
    async reach({ page, store }) {
      // The demo's shoppers all have plans: the store's answer, as it comes, without them (a new shopper's list).
      await page.route(`${store.url}api/plans`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), plans: [] } });
      });
      await page.reload();
      await page.locator('fenqi-bill-panel a.shop').waitFor();
    },
  },
];

/** The extension's own pages, with plans from one demo store. */
export const EXTENSION_SCREENS = [
  { id: 'popup', path: () => 'popup.html', primary: ['li.plan button[data-flow="repay"]'] },
  {
    id: 'plan',
    path: (store) => `plan.html?${new URLSearchParams({ origin: store.origin, id: 'plan-2401' })}`,
    primary: ['button[data-flow="repay"]'],
  },
  // The options page is used on touch screens too (Firefox and Edge on tablets): its own controls are 44 × 44 px.
  { id: 'options', path: () => 'options.html', primary: ['#tracking'], touch: true },
];

/** Headless Chromium for the widget's screens. */
export function launchBrowser() {
  ensureChineseFont();
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh demo store (so every language sees the same plans) and one page on it whose product and bills pages
 * are served in `langName` (see WIDGET_LANGS): the store's HTML is served with that `lang` and `dir`.
 */
export async function widgetSession(browser, langName) {
  const { lang, dir } = WIDGET_LANGS[langName];
  // The store's clock is the session's: a review is decided when `advance` moves it on, not by waiting.
  let offset = 0;
  const store = await startDemoStore({ now: () => Date.now() + offset, reviewDelayMs: REVIEW_MS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(
    (url) => url.origin === store.origin && (url.pathname === '/' || url.pathname === '/bills'),
    async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        /<html lang="[^"]*">/,
        `<html lang="${lang}"${dir ? ` dir="${dir}"` : ''}>`,
      );
      await route.fulfill({ response, body });
    },
  );
  return {
    store,
    page,
    lang: langName,
    errors,
    /** Moves the store's clock on by `ms`. */
    advance(ms) {
      offset += ms;
    },
    async close() {
      await context.close();
      await store.close();
    },
  };
}

/** Chromium with the built extension, tracking on, and the plans of one demo store stored. */
export async function extensionSession() {
  ensureChineseFont();
  const store = await startDemoStore();
  const browser = await launchWithExtension();
  const options = await turnTrackingOn(browser);
  await (await openStorePage(browser.context, `${store.url}bills`)).close();
  return {
    store,
    browser,
    /** Switches the extension's language on its options page. */
    async setLanguage(lang) {
      await options.bringToFront();
      await options.locator('#language').selectOption(lang);
      await options.locator(`html[lang="${lang}"]`).waitFor();
    },
    /** Opens one of EXTENSION_SCREENS, rendered. */
    async open(screen) {
      const page = await browser.extensionPage(screen.path(store));
      await page.locator('body[data-ready="true"]').waitFor();
      return page;
    },
    async close() {
      await browser.close();
      await store.close();
    },
  };
}

/** Sizes the page to `width` (phone-like height) in `scheme`. */
export async function view(page, width, scheme) {
  await page.setViewportSize({ width, height: VIEWPORTS[width] });
  await page.emulateMedia({ colorScheme: scheme });
}

/**
 * The problems of `screen` as shown now (see inspect.mjs); `touch` checks apply below 1024 px to the widget, and
 * to an extension page's own controls when its screen says `touch`; `lang` is the page's language (zh-CN: the
 * widget's words must be Chinese).
 */
export async function problemsOf(page, screen, width, { widget = true, lang = null } = {}) {
  return page.evaluate(inspect, {
    lang,
    storeText: lang === 'zh-CN' ? await productNames(page) : [],
    dialog: screen.dialog ?? null,
    primary: screen.primary ?? null,
    touch: (widget || !!screen.touch) && width < TOUCH_BELOW,
    pageControls: !!screen.touch,
  });
}

/** The names of the products the shopper's plans are for, as the store gives them (none off the store's pages). */
function productNames(page) {
  return page.evaluate(async () => {
    const answer = await fetch('/api/plans').catch(() => null);
    return answer?.ok ? (await answer.json()).plans.map((plan) => plan.product) : [];
  });
}

/** Whether `screen` is looked at in the language named `langName` (see WIDGET_LANGS). */
export const shownIn = (screen, langName) => !screen.langs || screen.langs.includes(langName);

/** `product-schedule-320-zh-CN-dark.webp` */
export const pictureName = (screen, width, lang, scheme) => `${screen}-${width}-${lang}-${scheme}.webp`;

/**
 * Without a Chinese font every 字 is a box, and boxes lay out differently: install Debian's WenQuanYi Micro Hei
 * when we can (root with apt-get, as for Chromium), else say how and stop.
 */
export function ensureChineseFont() {
  const hasFont = () => spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim();
  if (hasFont()) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0) {
    console.error('fenqi: no Chinese font; installing fonts-wqy-microhei…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '-qq', 'fonts-wqy-microhei'], { stdio: 'inherit', env });
    } catch {
      // fall through to the advice
    }
    if (hasFont()) return;
  }
  console.error('fenqi: no Chinese font installed; on Debian: apt-get install -y fonts-wqy-microhei');
  process.exit(1);
}
