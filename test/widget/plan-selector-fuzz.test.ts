// 2,000 random attribute/config combinations (a sample in Firefox and WebKit), as a stranger's page might set them: valid and broken
// amounts, configs, values, dates, currencies and languages. Counted: page errors (must be 0), exceptions
// into the page (0), wrong amounts on screen (0), and console.error calls (exactly one per error state).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { formatFen, isIsoDate, parseYuan, quoteProvider, validateMerchantConfig } from '../../shared/index.js';
import type { MerchantConfig } from '../../shared/index.js';
import type { FenqiPlanSelector } from '../../widget/plan-selector/plan-selector.js';
import { isoDate, schedule } from '../shared/arbitraries.js';
import { $$, visibleText } from './plan-selector.fixtures.js';
import { runs } from '../helpers/engine.js';

/** 2,000 in Chromium, a sample in Firefox and WebKit (test/helpers/engine.ts). */
const RUNS = runs(2_000);

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Amounts as merchants write them: right in several spellings, or wrong in the ways the issue lists. */
const amount = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 5_000_000 }).map(yuan) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 99_999 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 ** 13 }).map(yuan) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'abc',
      '-1',
      '1e3',
      '0x10',
      ' 100 ',
      '5999.001',
      '100000000000.01',
      '0',
      '0.00',
      '',
      'NaN',
      '١٠٠',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const amountFen = fc.oneof(
  { weight: 8, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5_000_000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-5', '1.5', '1e3', ' 5', 'x') },
);

const rate = fc.integer({ min: 0, max: 3_000 }).map((n) => (n / 100).toString());

const provider = (id: string) =>
  fc
    .record({
      terms: fc.uniqueArray(fc.integer({ min: 1, max: 36 }), { minLength: 1, maxLength: 5 }),
      model: fc.constantFrom('interest-free', 'flat-total', 'flat-monthly', 'equal-payment', 'equal-principal'),
      rate,
      min: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
      span: fc.option(fc.integer({ min: 0, max: 3_000_000 }), { nil: undefined }),
      schedule: fc.option(schedule, { nil: undefined }),
      promo: fc.boolean(),
      suggested: fc.boolean(),
    })
    .map((p) => ({
      id,
      name: `${id} 分期`,
      terms: p.terms,
      fee:
        p.model === 'interest-free'
          ? { model: p.model }
          : p.model.startsWith('flat')
            ? { model: p.model, ratePct: p.rate }
            : { model: p.model, annualRatePct: p.rate },
      ...(p.min === undefined ? {} : { min: yuan(p.min) }),
      ...(p.span === undefined ? {} : { max: yuan((p.min ?? 1) + p.span) }),
      ...(p.schedule ? { schedule: p.schedule } : {}),
      ...(p.promo ? { promo: { interestFreeTerms: [p.terms[0]] } } : {}),
      ...(p.suggested ? { suggested: p.terms[p.terms.length - 1] } : {}),
    }));

const goodConfig = fc
  .uniqueArray(fc.constantFrom('huabei', 'card', 'mifi', 'jd-baitiao'), { minLength: 1, maxLength: 3 })
  .chain((ids) => fc.tuple(...ids.map(provider)))
  .map((providers) => ({ currency: 'CNY', providers }));

/** A config with one value somewhere replaced by junk, or junk altogether. */
const config = fc.oneof(
  { weight: 8, arbitrary: goodConfig },
  {
    weight: 2,
    arbitrary: fc
      .tuple(goodConfig, fc.nat(), fc.constantFrom('fee', 'terms', 'min', 'id', 'schedule', 'promo'), fc.anything())
      .map(([c, i, key, junk]) => {
        const p = c.providers[i % c.providers.length] as Record<string, unknown>;
        p[key] = junk;
        return c;
      }),
  },
  { weight: 1, arbitrary: fc.anything() },
);

const input = fc.record({
  amount,
  amountFen,
  config,
  value: fc.oneof(
    { weight: 8, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: fc.constantFrom('huabei:12', 'card:6', 'mifi:3', 'nope:1', 'huabei', ':') },
    { weight: 1, arbitrary: fc.string() },
  ),
  purchaseDate: fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 6, arbitrary: isoDate },
    { weight: 1, arbitrary: fc.constantFrom('2023-02-29', '2024-13-01', 'today') },
  ),
  currency: fc.constantFrom('', '', '', '', '', 'CNY', 'CNY', 'USD', 'cny'),
  lang: fc.constantFrom('zh-CN', 'en', 'fr', ''),
});

type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

/** What the selector must show for an input: an error code, the loading state, or plans for `fen`. */
function expected(
  i: Input,
): { error: string } | { waiting: true } | { fen: number; config: MerchantConfig; date: string } {
  // Without a config the selector waits for one: it never shows plans the store did not configure.
  if (i.config == null) return { waiting: true };
  const result = validateMerchantConfig(i.config);
  if (!result.ok) return { error: 'invalid-config' };
  let fen: number;
  if (i.amountFen !== null) {
    if (!/^[1-9]\d*$/.test(i.amountFen) || Number(i.amountFen) > 10 ** 13) return { error: 'invalid-amount' };
    fen = Number(i.amountFen);
  } else {
    if (i.amount === '') return { waiting: true };
    const parsed = parseYuan(i.amount);
    if (!parsed.ok || parsed.fen === 0) return { error: 'invalid-amount' };
    fen = parsed.fen;
  }
  if (i.currency && i.currency !== 'CNY') return { error: 'invalid-currency' };
  if (i.purchaseDate && !isIsoDate(i.purchaseDate)) return { error: 'invalid-date' };
  if (i.value) {
    const [p, t] = i.value.split(':');
    if (!result.config.providers.some((x) => x.id === p && x.terms.includes(Number(t))))
      return { error: 'unknown-plan' };
  }
  return { fen, config: result.config, date: i.purchaseDate };
}

describe(`<fenqi-plan-selector> under ${RUNS.toLocaleString('en')} random inputs`, () => {
  it('never throws into the page, never shows a wrong amount, and logs each error state once', async function () {
    this.timeout(120_000);
    const pageErrors: unknown[] = [];
    const onError = (e: ErrorEvent) => pageErrors.push(e.error ?? e.message);
    const onRejection = (e: PromiseRejectionEvent) => pageErrors.push(e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const realError = console.error;
    let logged = 0;
    console.error = () => void logged++;
    const counts = { runs: 0, errors: 0, waiting: 0, ready: 0, amountsChecked: 0, wrongAmounts: 0, thrown: 0 };
    const wrong: string[] = [];
    const host = document.createElement('div');
    document.body.append(host);
    try {
      await fc.assert(
        fc.asyncProperty(input, async (i) => {
          counts.runs++;
          host.lang = i.lang;
          const el = document.createElement('fenqi-plan-selector') as FenqiPlanSelector;
          const codes: string[] = [];
          el.addEventListener('fenqi-error', (e) => codes.push(e.detail.code));
          const loggedBefore = logged;
          try {
            el.setAttribute('amount', i.amount);
            if (i.amountFen !== null) el.setAttribute('amount-fen', i.amountFen);
            if (i.value) el.setAttribute('value', i.value);
            if (i.purchaseDate) el.setAttribute('purchase-date', i.purchaseDate);
            if (i.currency) el.setAttribute('currency', i.currency);
            el.config = i.config;
            host.append(el);
            await el.updateComplete;
          } catch (error) {
            counts.thrown++;
            wrong.push(`threw ${String(error)} for ${JSON.stringify(i)}`);
          }
          const want = expected(i);
          const locale = i.lang === 'zh-CN' ? 'zh-CN' : 'en';
          if ('error' in want) {
            counts.errors++;
            if (codes.join() !== want.error || logged - loggedBefore !== 1) {
              wrong.push(
                `expected ${want.error}, got [${codes}] with ${logged - loggedBefore} logs for ${JSON.stringify(i)}`,
              );
            }
          } else if ('waiting' in want) {
            counts.waiting++;
            if (codes.length || !el.shadowRoot!.querySelector('[role="status"]'))
              wrong.push(`expected waiting for ${JSON.stringify(i)}`);
          } else {
            counts.ready++;
            if (codes.length) wrong.push(`unexpected [${codes}] for ${JSON.stringify(i)}`);
            const shown = $$<HTMLInputElement>(el, '[part="provider"] input').find((r) => r.checked)?.value;
            const p = want.config.providers.find((x) => x.id === shown);
            const date = want.date || localToday();
            for (const card of $$(el, '[part="term"]')) {
              const term = Number(card.dataset['term']);
              const disabled = card.querySelector('input')!.disabled;
              const accepts = p && want.fen >= p.min && want.fen <= p.max && want.fen >= term;
              counts.amountsChecked++;
              if (!p || disabled === accepts) {
                counts.wrongAmounts++;
                wrong.push(`term ${term} of ${shown} disabled=${disabled} for ${want.fen} fen`);
                continue;
              }
              if (disabled) continue;
              const q = quoteProvider(p, term, want.fen, date);
              const first = q.installments[0]!;
              const text = visibleText(card);
              // Every amount on the card is the first period's total or its fee, or the last period's total (the
              // odd fen), exactly as quote() has them.
              const shownMoney = text.match(/¥[\d,]+\.\d\d/g) ?? [];
              const last = q.installments.at(-1)!;
              const right = [
                formatFen(first.total, locale),
                formatFen(first.fee, locale),
                formatFen(last.total, locale),
              ];
              if (shownMoney[0] !== right[0] || !shownMoney.every((a) => right.includes(a))) {
                counts.wrongAmounts++;
                wrong.push(`term ${term} of ${shown} shows "${text}", quote says ${first.total}/${first.fee} fen`);
              }
            }
            const summary = el.shadowRoot!.querySelector('[part="summary"] dl');
            if (summary) {
              const [fee, total] = [...summary.querySelectorAll('dd [aria-hidden]')].map((n) => n.textContent);
              const plans = p!.terms.filter((t) => want.fen >= t).map((t) => quoteProvider(p!, t, want.fen, date));
              counts.amountsChecked++;
              if (
                !plans.some(
                  (q) => formatFen(q.totalFee, locale) === fee && formatFen(q.totalRepayment, locale) === total,
                )
              ) {
                counts.wrongAmounts++;
                wrong.push(`summary ${fee} / ${total} matches no plan of ${shown} for ${want.fen} fen`);
              }
            }
          }
          el.remove();
        }),
        { numRuns: RUNS, seed: 20241121, endOnFailure: true },
      );
    } finally {
      console.error = realError;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      host.remove();
    }
    // Let any late rejection surface before counting: an unhandled rejection is reported in a task queued when
    // it happened, ahead of this zero-delay one.
    await new Promise((r) => setTimeout(r));
    expect(wrong.slice(0, 5)).to.deep.equal([]);
    expect({ pageErrors: pageErrors.length, thrown: counts.thrown, wrongAmounts: counts.wrongAmounts }).to.deep.equal({
      pageErrors: 0,
      thrown: 0,
      wrongAmounts: 0,
    });
    expect(counts.runs).to.equal(RUNS);
    // Every kind of outcome was really exercised (as shares of the runs: 300, 400 and 1,000 of 2,000).
    expect(counts.errors).to.be.above(RUNS * 0.15);
    expect(counts.ready, JSON.stringify(counts)).to.be.above(RUNS * 0.2);
    expect(counts.amountsChecked).to.be.above(RUNS * 0.5);
  });
});

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
