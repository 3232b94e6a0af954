/**
 * The popup: plans that need paying, overdue first, then upcoming by date (the `by-due` index's order), one
 * page at a time so 10,000 stored plans cost no more than 50. Per plan: the store's name as its page announced
 * it and the host the browser stamped (ui/page.ts `storeLine`), the order (page-given names through
 * `displayText`), what is owed now (`amountDue`: an overdue installment's late charge included) and its date,
 * and progress; "Repay" and "Payment method" ask the
 * service worker to open the store's own page. Plans under the provider's review (审核中) are listed after them
 * as such: nothing is owed on them yet, so no amount, countdown or actions.
 */
import { planStatus } from '../../shared/bill-state.js';
import { displayText } from '../../shared/display-text.js';
import { formatDate, formatFen } from '../../shared/format.js';
import type { IsoDate } from '../../shared/plan.js';
import { ask, el, pageContext, storeLine, storeNames, type PageContext } from '../ui/page.js';
import { duePlans, plansUnderReview } from '../storage/plans.js';
import type { StoredPlan } from '../storage/schema.js';
import type { Flow } from '../../shared/deep-link.js';
import { browser } from '../platform/browser.js';

export const PAGE_SIZE = 50;

/** The page's words and settings, and the names stores announced (by origin). */
type PopupContext = PageContext & { names: Map<string, string> };

/** Where and what: the store, then the product and the order (the order moves to the next line whole). */
function whereAndWhat(plan: StoredPlan, { t, names }: PopupContext): HTMLElement[] {
  return [
    storeLine(plan.origin, names.get(plan.origin)),
    el(
      'div',
      { class: 'product' },
      el('span', {}, displayText(plan.product)),
      ' ',
      el('span', { class: 'order' }, t.order(displayText(plan.orderId))),
    ),
  ];
}

function planItem(plan: StoredPlan, today: IsoDate, context: PopupContext): HTMLElement {
  const { locale, t, settings } = context;
  // Only plans with something unpaid are listed, so there is always a next installment.
  const status = planStatus(plan, today, { dueSoonDays: Math.max(0, ...settings.reminderDays) });
  const next = status.next!;
  const paid = status.installments.filter((it) => it.state === 'paid').length;
  const days = next.daysUntilDue;
  const dueDate = plan.installments[next.n - 1]!.dueDate;
  const button = (flow: Flow, label: string) =>
    el(
      'button',
      {
        type: 'button',
        class: flow === 'repay' ? 'primary' : 'secondary',
        'data-flow': flow,
        'data-origin': plan.origin,
        'data-plan': plan.id,
      },
      label,
    );
  const schedule = `plan.html?${new URLSearchParams({ origin: plan.origin, id: plan.id })}`;
  return el(
    'li',
    { class: `plan ${status.state}`, 'data-plan': plan.id, 'data-origin': plan.origin, 'data-due': plan.nextDue },
    ...whereAndWhat(plan, context),
    el(
      'div',
      { class: 'next' },
      el('strong', { class: 'amount' }, formatFen(status.nextDue!.total, locale)),
      ' ',
      // Compact: "11月24日", the year only when it is not this one.
      el('time', { datetime: dueDate }, formatDate(dueDate, locale, today)),
      ' ',
      el('span', { class: 'when' }, t.dueIn(days)),
    ),
    el(
      'div',
      { class: 'progress' },
      el('progress', { max: String(plan.installments.length), value: String(paid) }),
      ' ',
      t.progress(paid, plan.installments.length),
    ),
    el(
      'div',
      { class: 'actions' },
      button('repay', t.repay),
      button('method', t.paymentMethod),
      el('a', { href: schedule, target: '_blank', class: 'button' }, t.schedule),
    ),
  );
}

/** A plan under review: where and what, and that nothing is due yet. */
function reviewItem(plan: StoredPlan, context: PopupContext): HTMLElement {
  const { t, locale } = context;
  const total = plan.installments.reduce((sum, it) => sum + it.principal + it.fee, 0);
  return el(
    'li',
    { class: 'plan under-review', 'data-plan': plan.id, 'data-origin': plan.origin },
    ...whereAndWhat(plan, context),
    el(
      'div',
      { class: 'next' },
      el('strong', { class: 'state' }, t.underReview),
      ' ',
      formatFen(total, locale),
      ' · ',
      t.reviewNote,
    ),
  );
}

/** Loads and renders the popup into `root`; resolves when the first page is on screen. */
export async function showPopup(root: HTMLElement, today: IsoDate): Promise<void> {
  const [page, names] = await Promise.all([pageContext(), storeNames()]);
  const context: PopupContext = { ...page, names };
  const { t, settings } = context;
  root.replaceChildren();
  const status = el('p', { class: 'status', role: 'status' });
  const optionsButton = el('button', { type: 'button', class: 'link', id: 'open-options' }, t.options);
  optionsButton.addEventListener('click', () => void browser.runtime.openOptionsPage());
  root.append(el('header', {}, el('h1', {}, t.appName), optionsButton), status);
  if (!settings.tracking) {
    // One clear way forward: the same request the options page's switch sends, then the plans (none yet).
    const turnOn = el('button', { type: 'button', class: 'primary', id: 'turn-on' }, t.turnOnTracking);
    turnOn.addEventListener('click', async () => {
      turnOn.disabled = true;
      const reply = await ask('save-settings', { tracking: true });
      if (reply.ok) return showPopup(root, today);
      console.error('fenqi: tracking not turned on:', reply.reason);
      status.textContent = t.saveFailed;
      turnOn.disabled = false;
    });
    root.append(el('div', { class: 'empty' }, el('p', {}, t.trackingOff), turnOn));
    return;
  }
  const [first, reviewing] = await Promise.all([duePlans(PAGE_SIZE), plansUnderReview(PAGE_SIZE)]);
  const review = el('ol', { class: 'plans', id: 'under-review', 'aria-label': t.underReview });
  review.append(...reviewing.map((plan) => reviewItem(plan, context)));
  const reviewSection = el(
    'section',
    { hidden: reviewing.length ? undefined : '' },
    el('h2', {}, t.underReview),
    review,
  );
  if (first.length === 0) {
    root.append(el('p', { class: 'empty' }, t.nothingToPay), reviewSection);
    return;
  }
  const overdue = el('ol', { class: 'plans', id: 'overdue', 'aria-label': t.overdue });
  const upcoming = el('ol', { class: 'plans', id: 'upcoming', 'aria-label': t.upcoming });
  const overdueSection = el('section', {}, el('h2', {}, t.overdue), overdue);
  const upcomingSection = el('section', {}, el('h2', {}, t.upcoming), upcoming);
  root.append(overdueSection, upcomingSection);
  let last: IsoDate | undefined;
  const more = el('button', { type: 'button', class: 'more' }, t.showMore);
  const add = (plans: StoredPlan[], full: boolean) => {
    for (const plan of plans) (plan.nextDue < today ? overdue : upcoming).append(planItem(plan, today, context));
    last = plans.at(-1)?.nextDue;
    overdueSection.hidden = overdue.childElementCount === 0;
    upcomingSection.hidden = upcoming.childElementCount === 0;
    more.hidden = !full;
  };
  add(first, first.length === PAGE_SIZE);
  more.addEventListener('click', async () => {
    // The next page starts at the last shown date; plans of that date already shown are skipped by key.
    const sameDay = [...root.querySelectorAll<HTMLElement>('li.plan')].filter((li) => li.dataset.due === last);
    const seen = new Set(sameDay.map((li) => `${li.dataset.origin} ${li.dataset.plan}`));
    const page = await duePlans(PAGE_SIZE + seen.size, last);
    add(
      page.filter((p) => !seen.has(`${p.origin} ${p.id}`)),
      page.length === PAGE_SIZE + seen.size,
    );
  });
  root.append(more, reviewSection);
  root.addEventListener('click', async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-flow]');
    if (!button) return;
    const reply = await ask('open-flow', {
      origin: button.dataset.origin!,
      planId: button.dataset.plan!,
      flow: button.dataset.flow as Flow,
    });
    if (reply.ok) window.close();
    else status.textContent = t.refused;
  });
}
