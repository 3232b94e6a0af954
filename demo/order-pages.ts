/**
 * What the purchase pages show (issue 15): the order confirmation (确认订单) with the plan as the server quoted
 * it, the provider's authorization page, and the outcome of a cancelled or failed authorization. Every figure
 * comes from the same shared/ quote the plan repays; the pages are filled in by `sendPage` (HTML-escaped).
 */
import { formatDate, formatFen } from '../shared/format.js';
import { oddPeriod, type QuoteResult } from '../shared/quote.js';
import type { PricedOrder } from './checkout.js';
import type { Order } from './orders.js';
import { escapeHtml } from './pages.js';

/**
 * The per-period amount as stores write it: `¥537.40 × 12期`; when the first or last period takes the odd fen,
 * `¥537.40 × 11期 + ¥537.53` (or `首期 ¥537.53 + ¥537.40 × 11期`); when the periods fall (等额本金), the first.
 * Which period is odd is shared/ oddPeriod()'s answer, the one the selector cards use, so page and card agree.
 */
export function perPeriodText(q: Pick<QuoteResult, 'installments'>): string {
  const n = q.installments.length;
  const periods = oddPeriod(q);
  if (!periods) return `首期 ${formatFen(q.installments[0]!.total)}，共${n}期`;
  const { regular, regularCount, odd } = periods;
  if (!odd) return `${formatFen(regular)} × ${regularCount}期`;
  if (odd.n === 1) return `首期 ${formatFen(odd.total)} + ${formatFen(regular)} × ${regularCount}期`;
  return `${formatFen(regular)} × ${regularCount}期 + ${formatFen(odd.total)}`;
}

/** `/?quantity=2&plan=mifi:12`: the product page with the shopper's cart and choice, to change the plan. */
export const productHref = (quantity: number, plan: string) =>
  `/?${new URLSearchParams({ quantity: String(quantity), plan })}`;

/** `/confirm?…`: the confirmation of the same cart and plan (after a cancelled or failed authorization). */
export const confirmHref = (productId: string, quantity: number, plan: string) =>
  `/confirm?${new URLSearchParams({ product: productId, quantity: String(quantity), plan })}`;

/** The confirmation page's values; `raw` holds the schedule rows and the per-period wording, built here from escaped parts. */
export function confirmValues(priced: PricedOrder): { values: Record<string, string>; raw: Record<string, string> } {
  const { form, provider, quote: q } = priced;
  const plan = `${provider.id}:${form.term}`;
  const rows = q.installments
    .map(
      (it) => `<tr><td>${it.n}</td><td>${escapeHtml(it.dueDate)}</td><td>${escapeHtml(formatFen(it.total))}</td></tr>`,
    )
    .join('');
  // Each part of the wording on one line ("¥537.40 × 11期" / "+ ¥537.53"), as on the selector's card: a 320 px
  // phone breaks before the "+", never after it or inside a part.
  const perPeriod = perPeriodText(q)
    .split(' + ')
    .map((part, i) => `<span class="part">${i ? '+ ' : ''}${escapeHtml(part)}</span>`)
    .join(' ');
  return {
    values: {
      productId: form.product.id,
      productName: form.product.name,
      unitPrice: formatFen(form.product.price),
      quantity: String(form.quantity),
      principal: formatFen(priced.principal),
      providerName: provider.name,
      term: String(form.term),
      plan,
      firstDue: formatDate(q.installments[0]!.dueDate, 'zh-CN'),
      totalFee: formatFen(q.totalFee),
      apr: `${q.aprNominalPct}%（复利 ${q.aprEffectivePct}%）`,
      totalRepayment: formatFen(q.totalRepayment),
      totalFen: String(q.totalRepayment),
      backHref: productHref(form.quantity, plan),
    },
    raw: { scheduleRows: rows, perPeriod },
  };
}

/** The authorization page's values for a pending order. */
export function payValues(order: Order, productName: string, error = ''): Record<string, string> {
  return {
    orderId: order.id,
    productName: order.quantity === 1 ? productName : `${productName} ×${order.quantity}`,
    providerName: order.providerName,
    term: String(order.term),
    totalRepayment: formatFen(order.total),
    error,
  };
}

/** The words for an authorization that booked no plan, by what happened. */
export function closedOrderText(order: Order, code: string): { title: string; message: string } {
  const none = '未扣款，也未创建分期计划。';
  if (code === 'authorization-failed' || order.status === 'failed') {
    return {
      title: '授权失败',
      message:
        code === 'order-expired'
          ? `订单 ${order.id} 超时未完成授权，${none}`
          : `支付密码错误次数过多，订单 ${order.id} 授权失败，${none}`,
    };
  }
  return { title: '已取消支付', message: `您已取消订单 ${order.id} 的分期支付，${none}` };
}

/** What a refused password try says on the authorization page. */
export function passwordErrorText(code: string, extra: { attemptsLeft?: number; retryAfter?: number }): string {
  if (code === 'wrong-password') return `支付密码错误，还可尝试 ${extra.attemptsLeft ?? 0} 次。`;
  if (code === 'verification-locked') {
    return `验证失败次数过多，请 ${Math.ceil((extra.retryAfter ?? 60) / 60)} 分钟后再试。`;
  }
  return '无法完成授权，请稍后再试。';
}
