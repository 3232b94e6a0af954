/**
 * The plan page (`plan.html?origin=…&id=…`): one stored plan's full schedule with each installment's state
 * on the shopper's today, and the same "Repay" / "Payment method" buttons as the popup (none for a paid-off
 * plan or one the store no longer lists), under the store's name and host. An unpaid
 * installment's amount is what paying it costs today (`amountDue`, late charge included); page-given names
 * go through `displayText`.
 */
import { amountDue } from '../../shared/amount-due.js';
import { planStatus } from '../../shared/bill-state.js';
import { displayText } from '../../shared/display-text.js';
import { localToday } from '../../shared/dates.js';
import { formatDate, formatFen } from '../../shared/format.js';
import type { Flow } from '../../shared/deep-link.js';
import { ask, el, pageContext, storeLine } from '../ui/page.js';
import { getPlan } from '../storage/plans.js';
import { getSite } from '../storage/sites.js';
import { lifecycleOf } from '../../shared/plan.js';

const main = document.querySelector('main')!;
const params = new URLSearchParams(location.search);
const { t, locale, settings } = await pageContext();
const origin = params.get('origin') ?? '';
const [plan, site] = await Promise.all([getPlan(origin, params.get('id') ?? ''), getSite(origin)]);
document.title = `${t.planTitle} · fenqi`;

if (!plan) {
  main.append(el('h1', {}, t.planTitle), el('p', { class: 'empty' }, t.planMissing));
} else {
  const today = localToday();
  const status = planStatus(plan, today, { dueSoonDays: Math.max(0, ...settings.reminderDays) });
  const line = el('p', { class: 'status', role: 'status' });
  const button = (flow: Flow, label: string) => {
    const b = el(
      'button',
      { type: 'button', 'data-flow': flow, class: flow === 'repay' ? 'primary' : 'secondary' },
      label,
    );
    b.addEventListener('click', async () => {
      const reply = await ask('open-flow', { origin: plan.origin, planId: plan.id, flow });
      if (!reply.ok) line.textContent = t.refused;
    });
    return b;
  };
  // What each unpaid installment costs if paid today, in order: the k-th unpaid one after the k-1 before it.
  const unpaid = status.installments.filter((s) => s.state !== 'paid').length;
  const owed = new Map(
    unpaid > 0 ? amountDue(plan, { count: unpaid }, today).installments.map((d) => [d.n, d.total]) : [],
  );
  const rows = plan.installments.map((it, i) => {
    const s = status.installments[i]!;
    return el(
      'tr',
      { class: s.state, 'data-n': String(it.n) },
      el('td', { class: 'n' }, String(it.n)),
      // Compact: the year only when it is not this one.
      el('td', {}, el('time', { datetime: it.dueDate }, formatDate(it.dueDate, locale, today))),
      el('td', { class: 'money' }, formatFen(owed.get(it.n) ?? it.principal + it.fee, locale)),
      // Labelled on narrow screens, where the column headings are read out but not shown.
      el('td', { class: 'money paid', 'data-label': t.colPaid }, formatFen(it.paid, locale)),
      el('td', { class: 'state' }, t.state[s.state] ?? s.state),
    );
  });
  const total = plan.installments.reduce((sum, it) => sum + it.principal + it.fee, 0);
  // Where the plan stands with the provider: 审核中, 未通过 (with the store's reason) or 已取消; none for an active one.
  const lifecycle = lifecycleOf(plan);
  const standing =
    lifecycle === 'active'
      ? ''
      : el(
          'p',
          { class: `lifecycle ${lifecycle}`, 'data-status': lifecycle },
          el('strong', {}, t.lifecycle[lifecycle]),
          // "未通过：超出花呗分期可用额度", "审核中：审核通过前无需还款。"
          plan.statusReason
            ? t.labelled('', displayText(plan.statusReason))
            : lifecycle === 'under-review'
              ? t.labelled('', t.reviewNote)
              : '',
        );
  main.append(
    el('h1', {}, displayText(plan.product)),
    storeLine(plan.origin, site?.name, 'p'),
    // Side by side while they fit, each moving to the next line whole (no "·" left dangling at a line's end).
    el(
      'p',
      { class: 'facts' },
      el('span', { class: 'order' }, t.order(displayText(plan.orderId))),
      ' ',
      el('span', {}, t.labelled(t.provider, displayText(plan.provider.name))),
      ' ',
      el('span', {}, t.labelled(t.total, formatFen(total, locale))),
    ),
    standing,
    // A rejected or cancelled plan is archived too, but its own status already says why.
    el('p', { class: 'help', ...(plan.archived && !standing ? {} : { hidden: '' }) }, t.archived),
    // Nothing to act on: a paid-off plan, one the store no longer lists (its page would not find it), or one
    // that is not owed (under review, rejected, cancelled: the store refuses to take money for it).
    status.state === 'paid-off'
      ? el('p', { class: 'paid-off' }, t.paidOff)
      : plan.archived || lifecycle !== 'active'
        ? ''
        : el('div', { class: 'actions' }, button('repay', t.repay), button('method', t.paymentMethod)),
    line,
    el(
      'table',
      {},
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...[t.colN, t.colDue, t.colAmount, t.colPaid, t.colState].map((h) => el('th', { scope: 'col' }, h)),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}
document.body.dataset.ready = 'true';
