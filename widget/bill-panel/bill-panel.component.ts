import { html, nothing, type TemplateResult } from 'lit/html.js';
import { amountDue } from '../../shared/amount-due.js';
import { planStatus, type PlanStatus } from '../../shared/bill-state.js';
import { isIsoDate, localToday } from '../../shared/dates.js';
import { parseDeepLink, type Flow } from '../../shared/deep-link.js';
import { formatDate, formatFen, spokenMoney, type Locale } from '../../shared/format.js';
import { type EventsOf, FenqiElement, type PropertyOptions } from '../internal/element.js';
import { localeOf, translate } from '../internal/locale.js';
import { lifecycleOf, type Fen, type IsoDate, type PaymentMethod, type Plan } from '../../shared/plan.js';
import { announce } from '../internal/bridge.js';
import { billPanelMessages, type BillPanelMessages } from './bill-panel.messages.js';
import { billPanelStyles } from './bill-panel.styles.js';
import { withTimeout, type FlowHost, type Notice } from './flow.js';
import {
  MerchantApiError,
  parsePaymentMethods,
  parsePlans,
  toApiError,
  type FenqiMerchantAdapter,
  type Repayment,
  type VerificationChallenge,
} from '../../shared/merchant-api.js';
import { declineReason, restAdapter } from './merchant-api.js';
import type { MethodFlow } from './method-flow.js';
import type { RepayFlow } from './repay-flow.js';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; plans: Plan[]; statuses: PlanStatus[] }
  | { state: 'error'; error: MerchantApiError };

export interface FenqiRepaidDetail {
  plan: Plan;
  repayment: Repayment;
}
export interface FenqiMethodChangedDetail {
  plan: Plan;
  method: PaymentMethod;
}
export interface FenqiVerificationDetail extends VerificationChallenge {
  planId: string;
}
export interface FenqiErrorDetail {
  code: string;
  message: string;
}

/** The panel's events, by name: their details. */
export interface BillPanelEvents {
  'fenqi-repaid': FenqiRepaidDetail;
  'fenqi-method-changed': FenqiMethodChangedDetail;
  'fenqi-verification': FenqiVerificationDetail;
  'fenqi-error': FenqiErrorDetail;
}

/** `home` as a link: a web page of any site, never a `javascript:` or other scheme a page could smuggle in. */
function storePage(home: string): string {
  try {
    const url = new URL(home || '/', location.href);
    return /^https?:$/.test(url.protocol) ? url.href : '/';
  } catch {
    return '/';
  }
}

/** The panel's two dialogs. */
interface Flows {
  repay: RepayFlow;
  method: MethodFlow;
}

/**
 * @summary The shopper's installment plans at this store (我的分期), with the repay (立即还款) and
 * preferred-payment-method (修改支付方式) flows, backed by the merchant API.
 * @tagname fenqi-bill-panel
 *
 * @fires fenqi-repaid - The shopper repaid; detail `{ plan, repayment }`.
 * @fires fenqi-method-changed - The shopper changed a plan's preferred payment method; detail `{ plan, method }`.
 * @fires fenqi-verification - The merchant asked for a verification code; detail `{ planId, verification, hint }`.
 * @fires fenqi-error - The plans could not be loaded or were invalid, or a repayment's receipt or new total disagrees with the figure the shopper confirmed (`charged-mismatch`, `amount-disagrees`), or the dialogs could not be fetched (`flows-unavailable`); detail `{ code, message }`.
 *
 * @csspart plans - The list of plans.
 * @csspart plan - One plan.
 * @csspart badge - The due badge ("3天后到期", "今天到期", "已逾期 2 天", "已还清"), or the plan's status ("审核中", "未通过", "已取消").
 * @csspart schedule - A plan's schedule table.
 * @csspart button - Every button.
 * @csspart dialog - Both dialogs (also `repay-dialog`, `method-dialog`).
 * @csspart error - The error state and the deep-link notice.
 * @csspart empty - The empty state.
 * @csspart loading - The loading message.
 *
 * @cssproperty --fenqi-accent - Primary buttons and focus rings. Default #ff6700 (#ff8a3d in dark mode).
 * @cssproperty --fenqi-on-accent - Text on the accent colour. Default #1a1a1a.
 * @cssproperty --fenqi-surface - Dialog background. Default Canvas.
 * @cssproperty --fenqi-text - Dialog text. Default CanvasText (the panel itself inherits the page's colour).
 * @cssproperty --fenqi-muted - Secondary text. Default currentColor at 70%.
 * @cssproperty --fenqi-border - Borders. Default currentColor at 25%.
 * @cssproperty --fenqi-error - Overdue badge and errors. Default #c5221f (#f28b82 in dark mode).
 * @cssproperty --fenqi-warning - Due-today and due-soon badges. Default #8a5300 (#ffc266 in dark mode).
 * @cssproperty --fenqi-success - Paid-off badge. Default #1b6e2a (#7fd88f in dark mode).
 * @cssproperty --fenqi-radius - Corner radius. Default 8px.
 */
export class FenqiBillPanel extends FenqiElement<BillPanelEvents> implements FlowHost {
  static override styles = billPanelStyles;

  // Reactive properties as in Lit (see FenqiElement); defaults are set in the constructor.
  static override properties: Record<string, PropertyOptions> = {
    api: {},
    adapter: { attribute: false },
    today: {},
    timeout: {},
    home: {},
    load: { state: true },
    expanded: { state: true },
    notice: { state: true },
  };

  /** Base URL of the merchant REST API (`GET {api}/plans` …), e.g. "/api". */
  declare api: string;
  /** The merchant API as a JS object with the same methods (takes precedence over `api`). */
  declare adapter: FenqiMerchantAdapter | null;
  /**
   * The day to show the bills on, `YYYY-MM-DD`, for demos and tests. Leave it empty: amounts are then worked out
   * as of the merchant's business date (`asOf` in `GET {api}/plans`), the date the merchant charges on.
   */
  declare today: string;
  /** How long to wait for the merchant API, in milliseconds, before telling the shopper and offering a retry. Default 15000. */
  declare timeout: number;
  /** The store's page an empty list leads back to (去逛逛), e.g. "/" or "/products". Default "/". */
  declare home: string;
  declare private load: Load;
  declare private expanded: Set<string>;
  declare private notice: Notice | null;

  constructor() {
    super();
    this.api = '';
    this.adapter = null;
    this.today = '';
    this.timeout = 15_000;
    this.home = '/';
    this.load = { state: 'loading' };
    this.expanded = new Set();
    this.notice = null;
  }

  /** The flows, once their chunk has loaded (#loadFlows). */
  #flows: Flows | null = null;
  #flowsRequest: Promise<Flows> | null = null;
  /** A flow is being opened: its chunk is still on the way. */
  #opening = false;
  /** Fetches the flows' chunk (flows.ts); tests replace it. @internal */
  static flowsChunk = () => import('./flows.js');
  #methodsRequest: Promise<PaymentMethod[]> | null = null;
  #loadToken = 0;
  /** The merchant's business date from the last answer with one. */
  #asOf = '';
  #opener: HTMLElement | null = null;
  #locale: Locale = 'en';
  #messages: BillPanelMessages = billPanelMessages.en;

  get text(): BillPanelMessages {
    return this.#messages;
  }

  get day(): IsoDate {
    return this.today || this.#asOf || localToday();
  }

  // The merchant API, every call of it bounded by `timeout` (the adapter's too: a JS adapter may hang).
  get merchant(): FenqiMerchantAdapter {
    const ms = Number(this.timeout) > 0 ? Number(this.timeout) : 15_000;
    const api = this.adapter ?? restAdapter(this.api, ms);
    return {
      getPlans: () => withTimeout(api.getPlans(), ms),
      getPaymentMethods: () => withTimeout(api.getPaymentMethods(), ms),
      repay: (id, body) => withTimeout(api.repay(id, body), ms),
      setPreferredMethod: (id, body) => withTimeout(api.setPreferredMethod(id, body), ms),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    window.addEventListener('popstate', this.#onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    window.removeEventListener('popstate', this.#onPopState);
    clearTimeout(this.#reviewTimer);
  }

  /**
   * While a plan is under the provider's review, reads the plans again until none is: after 3 s, then twice as
   * long each time up to a minute, so a long review costs the merchant a request a minute at most. Not while a
   * dialog is open (it would change the plan under the shopper's eyes): then the next turn tries again.
   */
  #reviewTimer: ReturnType<typeof setTimeout> | undefined;
  #reviewWait = 0;
  /** The first wait, in ms (tests shorten it). @internal */
  static reviewRefreshMs = 3000;
  #watchReviews(plans: Plan[]): void {
    clearTimeout(this.#reviewTimer);
    if (!plans.some((p) => lifecycleOf(p) === 'under-review')) return void (this.#reviewWait = 0);
    this.#reviewWait = Math.min(this.#reviewWait * 2 || FenqiBillPanel.reviewRefreshMs, 60_000);
    this.#reviewTimer = setTimeout(() => {
      if (this.#busy()) return this.#watchReviews(plans);
      this.reread().catch(() => this.#watchReviews(plans));
    }, this.#reviewWait);
  }

  #onHashChange = () => this.#followDeepLink();

  protected override willUpdate(changed: Map<string, unknown>): void {
    const locale = localeOf(this);
    if (locale !== this.#locale) [this.#locale, this.#messages] = [locale, translate(billPanelMessages, locale)];
    if (changed.has('api') || changed.has('adapter')) void this.refresh();
    else if (changed.has('today') && this.load.state === 'ready') this.#show(this.load.plans);
  }

  /** Loads the plans again from the merchant API. */
  async refresh(): Promise<void> {
    const token = ++this.#loadToken;
    this.load = { state: 'loading' };
    this.#methodsRequest = null;
    try {
      if (!this.adapter && !this.api)
        throw new MerchantApiError('not-configured', 'set the api attribute or the adapter property');
      const { plans, asOf } = parsePlans(await this.merchant.getPlans());
      if (token !== this.#loadToken) return;
      this.#asOf = asOf;
      if (!this.#show(plans)) return;
      announce('hello', { widget: 'bill-panel' });
      announce('plans', { plans });
      this.#followDeepLink();
      // The dialogs' code, fetched after the list is on screen, so a press of Repay finds it there (only where a
      // plan has those buttons: an empty or finished list downloads nothing more).
      if (plans.some((p) => lifecycleOf(p) === 'active')) this.#loadFlows().catch(() => {});
    } catch (error) {
      if (token === this.#loadToken) this.#fail(toApiError(error));
    }
  }

  /** Shows `plans` on `day`; bad data (an invalid date or rate) becomes the error state, never an exception. */
  #show(plans: Plan[]): boolean {
    try {
      if (!isIsoDate(this.day))
        throw new MerchantApiError('bad-today', `today: "${this.today}" is not a date YYYY-MM-DD`);
      const statuses = plans.map((plan) => planStatus(plan, this.day));
      this.load = { state: 'ready', plans, statuses };
      this.#watchReviews(plans);
      return true;
    } catch (error) {
      this.#fail(
        toApiError(error instanceof MerchantApiError ? error : new MerchantApiError('bad-response', String(error))),
      );
      return false;
    }
  }

  #fail(error: MerchantApiError): void {
    this.load = { state: 'error', error };
    console.error(`fenqi: <fenqi-bill-panel> could not show the plans: ${error.code}: ${error.message}`);
    this.emit('fenqi-error', { code: error.code, message: error.message });
  }

  // ── FlowHost ────────────────────────────────────────────────────────────────────────────────────────

  /** An amount: "¥523.33" for the eye, "523.33人民币" for screen readers (which read "¥" as yen). */
  money(fen: Fen): TemplateResult {
    return html`<span class="amount"
      ><span aria-hidden="true">${formatFen(fen, this.#locale)}</span
      ><span class="visually-hidden">${spokenMoney(fen, this.#locale, 'CNY')}</span></span
    >`;
  }

  date(iso: IsoDate): string {
    return formatDate(iso, this.#locale, this.day);
  }

  methodLabel(method: PaymentMethod): string {
    return method.last4 ? `${method.label} ****${method.last4}` : method.label;
  }

  paymentMethods(): Promise<PaymentMethod[]> {
    this.#methodsRequest ??= this.merchant.getPaymentMethods().then(parsePaymentMethods);
    // A failed request is not cached: the next dialog asks again.
    this.#methodsRequest.catch(() => (this.#methodsRequest = null));
    return this.#methodsRequest;
  }

  reason(error: unknown): string {
    const e = toApiError(error);
    // The technical detail is for the console; the shopper gets a sentence in their language.
    console.error(`fenqi: <fenqi-bill-panel>: ${e.code}: ${e.message}`);
    return this.#sentence(e);
  }

  #sentence(e: MerchantApiError): string {
    const t = this.text;
    if (e.code === 'payment-declined') return t.declined(declineReason(e.message, this.#locale));
    const minutes = Math.ceil((e.retryAfter ?? 0) / 60);
    if (e.code === 'wrong-code' && e.attemptsLeft !== undefined) return t.wrongCode(e.attemptsLeft);
    if (e.code === 'verification-locked') return t.codeLocked(minutes);
    if (e.code === 'too-many-codes' && minutes) return t.tooManyCodes(minutes);
    return t.errors[e.code] ?? (/^http-4/.test(e.code) ? t.errors['refused']! : t.errors['bad-response']!);
  }

  async reread(): Promise<Plan[]> {
    const { plans, asOf } = parsePlans(await this.merchant.getPlans());
    this.#asOf = asOf;
    if (this.#show(plans)) announce('plans', { plans });
    return plans;
  }

  showPlan(plan: Plan, asOf?: IsoDate): void {
    if (asOf) {
      this.#asOf = asOf;
      // A page's `today` is its guess of the merchant's date; the merchant's 409 says which date it charges on.
      if (this.today) this.today = asOf;
    }
    if (this.load.state !== 'ready') return;
    const plans = this.load.plans.map((p) => (p.id === plan.id ? plan : p));
    if (this.#show(plans)) announce('plans', { plans });
  }

  notify(notice: Notice | null): void {
    this.notice = notice;
  }

  reportError(code: string, message: string): void {
    console.error(`fenqi: <fenqi-bill-panel>: ${code}: ${message}`);
    this.emit('fenqi-error', { code, message });
  }

  planChanged(plan: Plan, change: { repayment: Repayment } | { method: PaymentMethod }): void {
    if (this.load.state === 'ready') this.#show(this.load.plans.map((p) => (p.id === plan.id ? plan : p)));
    if ('repayment' in change) {
      announce('repaid', { plan });
      this.emit('fenqi-repaid', { plan, repayment: change.repayment });
    } else {
      announce('method-changed', { plan });
      this.emit('fenqi-method-changed', { plan, method: change.method });
    }
  }

  verificationRequested(plan: Plan, challenge: VerificationChallenge): void {
    this.emit('fenqi-verification', { planId: plan.id, ...challenge });
  }

  dialogShown(): void {
    if (this.#dialogEntry) return;
    // A history entry for the open dialog (same address): the phone's Back closes the dialog, not the page.
    history.pushState({ ...history.state, fenqi: 'dialog' }, '');
    this.#dialogEntry = true;
  }

  flowClosed(): void {
    const opener = this.#opener;
    this.#opener = null;
    if (opener?.isConnected) opener.focus();
    const entry = this.#dialogEntry;
    this.#dialogEntry = false;
    // (A panel taken off the page leaves history alone: the page may already show something else.)
    if (!entry || !this.isConnected) return this.#dropLink();
    // Closed on screen: take the dialog's entry back, so Back then leaves the page as the shopper expects (the
    // link is dropped once there: popstate).
    this.#leaving = true;
    history.back();
  }

  /** The flow a deep link opened is done: drop the link so a reload does not open it again. */
  #dropLink(): void {
    if (parseDeepLink(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
  }

  /** The history entry a shown dialog added is on top; `#leaving`: the panel itself is going back from it. */
  #dialogEntry = false;
  #leaving = false;
  #onPopState = () => {
    if (this.#leaving) {
      this.#leaving = false;
      return this.#dropLink();
    }
    // Still on a dialog's entry (another one's Back went by): nothing to close.
    if (!this.#dialogEntry || history.state?.fenqi === 'dialog') return;
    // The shopper pressed Back with a dialog open: close it (the flow then calls flowClosed).
    this.#dialogEntry = false;
    this.#flows?.repay.close();
    this.#flows?.method.close();
  };

  // ── flows ───────────────────────────────────────────────────────────────────────────────────────────

  #focused(): HTMLElement | null {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active instanceof HTMLElement ? active : null;
  }

  #loadFlows(): Promise<Flows> {
    this.#flowsRequest ??= FenqiBillPanel.flowsChunk().then(
      ({ RepayFlow, MethodFlow }) => (this.#flows = { repay: new RepayFlow(this), method: new MethodFlow(this) }),
    );
    // A failed fetch is not kept: the next press tries again.
    this.#flowsRequest.catch(() => (this.#flowsRequest = null));
    return this.#flowsRequest;
  }

  /** A dialog is open, opening, or a repayment is still being confirmed. */
  #busy(): boolean {
    const flows = this.#flows;
    return this.#opening || (!!flows && (flows.repay.open || flows.method.open || flows.repay.pending));
  }

  /** Opens a flow for a plan, unless one is open already (or a repayment is still being confirmed). */
  openFlow(flow: Flow, planId: string): void {
    const flows = this.#flows;
    if (this.load.state !== 'ready' || this.#opening || flows?.repay.open || flows?.method.open) return;
    const t = this.text;
    // Clickjacking: another site could frame this page invisibly and make the shopper's click a payment.
    if (framedCrossOrigin()) return this.notify({ text: t.framed });
    if (flows?.repay.pending) return this.notify({ text: t.stillPending, info: true });
    const plan = this.load.plans.find((p) => p.id === planId);
    const status = this.load.statuses[this.load.plans.findIndex((p) => p.id === planId)];
    if (!plan || !status) return this.notify({ text: t.unknownPlan(planId) });
    // Under review, rejected or cancelled: nothing is owed, nothing to pay or change (a deep link included).
    if (lifecycleOf(plan) !== 'active') return this.notify({ text: t.errors['plan-not-active']!, info: true });
    // Paid off: nothing to repay, and no payment method that would ever be charged (a deep link included).
    if (status.state === 'paid-off')
      return this.notify({ text: flow === 'repay' ? t.alreadyPaidOff : t.paidOffNoMethod });
    this.notice = null;
    this.#opener = this.#focused();
    this.#opening = true;
    this.#loadFlows()
      .then(
        (loaded) => void loaded[flow].start(plan),
        (error: unknown) => {
          // The chunk did not arrive (offline, a blocked or broken deployment): say so; the next press tries again.
          this.notify({ text: t.errors['network']! });
          this.reportError('flows-unavailable', String(error));
        },
      )
      .finally(() => (this.#opening = false));
  }

  #followDeepLink(): void {
    const link = parseDeepLink(location.hash);
    if (link) this.openFlow(link.flow, link.planId);
  }

  #toggle(id: string): void {
    const next = new Set(this.expanded);
    if (!next.delete(id)) next.add(id);
    this.expanded = next;
  }

  // ── render ──────────────────────────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const t = this.text;
    const load = this.load;
    if (load.state === 'loading') return html`<p role="status" part="loading">${t.loading}</p>`;
    if (load.state === 'error') {
      return html`<div role="alert" class="error" part="error">
        <p>${t.loadFailed(this.#sentence(load.error))}</p>
        <button part="button" @click=${() => void this.refresh()}>${t.retry}</button>
      </div>`;
    }
    const notice = this.notice;
    return html`${
      notice
        ? html`<div class="notes">
            <p class="notice ${notice.info ? 'info' : ''}" role=${notice.info ? 'status' : 'alert'} part="error">
              ${notice.text}
            </p>
            <button part="button" class="dismiss" @click=${() => this.notify(null)}>${t.close}</button>
          </div>`
        : nothing
    }
    ${
      load.plans.length === 0
        ? html`<p part="empty">${t.empty}</p>
            <a part="button" class="shop" href=${storePage(this.home)}>${t.shop}</a>`
        : html`<ul class="plans" part="plans">
            ${this.#ordered(load).map(([plan, status, i]) => this.#renderPlan(plan, status, i))}
          </ul>`
    }
    ${this.#flows?.repay.render()} ${this.#flows?.method.render()}`;
  }

  /** Plans still running first, in the merchant's order; then the paid-off, rejected and cancelled ones. */
  #ordered(load: Extract<Load, { state: 'ready' }>): [Plan, PlanStatus, number][] {
    const rows = load.plans.map((plan, i): [Plan, PlanStatus, number] => [plan, load.statuses[i]!, i]);
    const done = ([plan, status]: [Plan, PlanStatus, number]) =>
      status.state === 'paid-off' || lifecycleOf(plan) === 'rejected' || lifecycleOf(plan) === 'cancelled';
    return [...rows.filter((r) => !done(r)), ...rows.filter(done)];
  }

  #badge(status: PlanStatus, life: string) {
    const t = this.text;
    if (life !== 'active') return html`<span class="badge ${life}" part="badge">${t.lifecycle[life]}</span>`;
    const days = status.daysUntilNextDue ?? 0;
    const text =
      status.state === 'paid-off' ? t.paidOff : days < 0 ? t.overdue(-days) : days === 0 ? t.dueToday : t.dueIn(days);
    return html`<span class="badge ${status.state}" part="badge">${text}</span>`;
  }

  #renderPlan(plan: Plan, status: PlanStatus, index: number) {
    const t = this.text;
    const total = plan.installments.length;
    const paid = status.installments.filter((s) => s.state === 'paid').length;
    const next = status.next;
    // The card's 应还: what paying the next installment costs as of the merchant's date, late charge included.
    const due = status.nextDue;
    const nextDue = next ? plan.installments.find((i) => i.n === next.n)!.dueDate : null;
    const open = this.expanded.has(plan.id);
    const scheduleId = `schedule-${index}`;
    const method = plan.preferredMethod ? this.methodLabel(plan.preferredMethod) : t.noMethod;
    // Under review, rejected or cancelled: the status and what it means instead of what is owed and the actions.
    const life = lifecycleOf(plan);
    if (life !== 'active') {
      const reason =
        life === 'rejected' || life === 'cancelled' ? declineReason(plan.statusReason ?? '', this.#locale) : '';
      return html`<li class="plan ${life}" part="plan" data-plan=${plan.id} data-status=${life}>
        <h2>${plan.product}</h2>
        <p class="meta">${t.order(plan.orderId)} · ${plan.provider.name}</p>
        <p class="row">${this.#badge(status, life)}</p>
        <p class="meta">${reason ? t.because(reason) : nothing}${t.lifecycleNext[life]}</p>
      </li>`;
    }
    return html`<li class="plan" part="plan" data-plan=${plan.id}>
      <h2>${plan.product}</h2>
      <p class="meta">${t.order(plan.orderId)} · ${plan.provider.name}</p>
      <p class="row">
        <span class="progress"
          ><span aria-hidden="true">${t.progress(paid, total)}</span
          ><span class="visually-hidden">${t.progressLabel(paid, total)}</span></span
        >
        ${next && nextDue && due ? html`<span class="next">${t.nextDue(this.date(nextDue))} ${this.money(due.total)}</span>` : nothing}
        ${this.#badge(status, life)}
      </p>
      ${due && due.lateCharge > 0 ? html`<p class="meta error">${t.lateCharge(this.money(due.lateCharge))}</p>` : nothing}
      ${
        // A paid-off plan has nothing left to debit or pay: no auto-debit line, no Repay, no 修改支付方式.
        status.state !== 'paid-off'
          ? html`<p class="meta auto-debit">${plan.autoDebit ? t.autoDebitOn(method) : t.autoDebitOff}</p>`
          : nothing
      }
      <div class="actions">
        ${
          status.state !== 'paid-off'
            ? html`<button class="primary repay" part="button" @click=${() => this.openFlow('repay', plan.id)}>
                  ${t.repay}
                </button>
                <button class="method" part="button" @click=${() => this.openFlow('method', plan.id)}>
                  ${t.changeMethod}
                </button>`
            : nothing
        }
        <button
          class="toggle"
          part="button"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${scheduleId}
          @click=${() => this.#toggle(plan.id)}
        >
          ${t.schedule}
        </button>
      </div>
      <table id=${scheduleId} part="schedule" ?hidden=${!open}>
        <caption>
          ${t.scheduleCaption(plan.product)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.period}</th>
            <th scope="col">${t.dueDate}</th>
            <th scope="col">${t.amount}</th>
            <th scope="col">${t.status}</th>
          </tr>
        </thead>
        <tbody>
          ${open ? this.#renderSchedule(plan, status) : nothing}
        </tbody>
      </table>
    </li>`;
  }

  /** Paid installments at what they cost; unpaid ones at what paying them costs now (amountDue, late charge in). */
  #renderSchedule(plan: Plan, status: PlanStatus) {
    const t = this.text;
    const unpaid = status.installments.filter((s) => s.state !== 'paid').length;
    const owed = new Map(
      unpaid ? amountDue(plan, { count: unpaid }, this.day).installments.map((d) => [d.n, d.total]) : [],
    );
    return plan.installments.map((it, k) => {
      const s = status.installments[k]!;
      return html`<tr data-n=${it.n}>
        <td>${t.periodN(it.n)}</td>
        <td>${this.date(it.dueDate)}</td>
        <td>${this.money(owed.get(it.n) ?? it.principal + it.fee)}</td>
        <td>
          ${
            s.state === 'paid'
              ? t.paidOn(this.date(it.paidDate ?? it.dueDate))
              : s.state === 'overdue'
                ? html`<span class="badge overdue">${t.overdue(s.daysOverdue)}</span>`
                : t.unpaid
          }
        </td>
      </tr>`;
    });
  }
}

/** Whether the page is shown in a frame of another origin (whose location this page may not read). */
function framedCrossOrigin(): boolean {
  try {
    return top !== self && top!.location.origin !== location.origin;
  } catch {
    return true;
  }
}

declare global {
  interface GlobalEventHandlersEventMap extends EventsOf<BillPanelEvents> {}
}
