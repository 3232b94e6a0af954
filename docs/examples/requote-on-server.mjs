// Your server charges what the shopper saw: re-quote the plan the checkout form chose, and check a repayment's
// confirmed total, with the very functions the widget used (the package's `fenqi/domain` entry; Node 20+).
// Run it: `node docs/examples/requote-on-server.mjs` after `npm run build` (in your app: `npm i fenqi`).
// test/e2e/requote-example.e2e.mjs runs it, so this file stays true.
import { readFile } from 'node:fs/promises';
import {
  amountDue,
  applyRepayment,
  calendarDate,
  providerAccepts,
  quoteProvider,
  validateMerchantConfig,
} from 'fenqi/domain';

/** Your store's config, the one the page's `<fenqi-plan-selector>` shows: checked once, at start. */
export async function loadConfig(file) {
  const checked = validateMerchantConfig(JSON.parse(await readFile(file, 'utf8')));
  if (!checked.ok) throw new Error(checked.errors.map((e) => `${e.path}: ${e.reason}`).join('\n'));
  return checked.config;
}

/**
 * The plan for an order: `choice` is the form's value (`provider:term`, e.g. `huabei:12`), `totalFen` the order's
 * total as your server prices it (never a figure the form sent). `{ refused }` when the store does not offer that
 * plan for that amount; else `{ plan }`, whose installments (due dates, fen) are what the selector showed.
 */
export function requote(config, choice, totalFen, now = Date.now()) {
  const [providerId, term] = String(choice).split(':');
  const provider = config.providers.find((p) => p.id === providerId);
  if (!provider) return { refused: 'unknown-provider' };
  if (!provider.terms.includes(Number(term))) return { refused: 'unknown-term' };
  if (!providerAccepts(provider, totalFen)) return { refused: 'amount-out-of-range' };
  // The purchase date is the day your provider books the purchase on: the date in China for a Chinese provider.
  return { plan: quoteProvider(provider, Number(term), totalFen, calendarDate(now, 'Asia/Shanghai')) };
}

/**
 * A repayment as `POST {api}/plans/{id}/repayments` takes it (docs/merchant-api.md): charge only the total the
 * shopper confirmed, as of your business date `asOf`. Answers with the status and body the API documents.
 */
export function repay(plan, body, asOf) {
  const request = body.payoff === true ? { payoff: true } : { installments: body.installments };
  const total = amountDue(plan, request, asOf).total; // throws RepaymentError (422) for a selection not allowed
  if (total !== body.expectedTotal) {
    const message = `The amount due is now ${total} fen, not ${body.expectedTotal}; nothing was charged`;
    return {
      status: 409,
      body: { error: { code: 'amount-changed', message }, plan, expectedTotal: body.expectedTotal, total, asOf },
    };
  }
  // Charge `total` to body.methodId here (402 payment-declined if refused), then book the result.
  const result = applyRepayment(plan, request, asOf);
  return { status: 200, charged: result.charged, plan: result.plan };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = await loadConfig(new URL('../../demo/public/config.json', import.meta.url));
  const { plan } = requote(config, 'huabei:12', 599900, Date.parse('2026-11-26T12:00:00+08:00'));
  console.log(
    `huabei:12 for ¥5,999.00: ${plan.installments.length} × ${plan.installments[0].total} fen, fee ${plan.totalFee} fen`,
  );
  console.log(`refused: ${requote(config, 'huabei:5', 599900).refused}`);
}
