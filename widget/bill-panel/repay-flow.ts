/**
 * 立即还款: choose the oldest unpaid installments (a later one only with every earlier one) or pay off
 * everything, see what it costs as of the merchant's date (`amountDue`, the figure the merchant charges),
 * choose how to pay, confirm, see the result. The confirmed total travels with the payment (`expectedTotal`).
 *
 * What the shopper is told is what happened:
 * - paid: the receipt's figure, which must be the confirmed one (any other is an error, never a success);
 * - `409 amount-changed`: nothing was charged; the new total is shown and the shopper confirms again;
 * - a refusal (4xx): nothing was charged, and why;
 * - no readable answer (network, timeout, 5xx): nobody knows yet, so the panel reads the plan again and says
 *   whether it was paid. A retry of the same attempt carries the same request id: the merchant charges once.
 * The dialog can be closed while a payment is pending; the outcome is then told on the panel itself.
 */
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { amountDue, outstandingOf, type AmountDue, type DueChoice } from '../../shared/amount-due.js';
import { installmentStatuses, type InstallmentStatus } from '../../shared/bill-state.js';
import type { PaymentMethod, Plan } from '../../shared/plan.js';
import { DialogFlow, requestId, showModal, type FlowHost } from './flow.js';
import {
  MerchantApiError,
  UNKNOWN_OUTCOME,
  parseAmountChanged,
  parseRepaid,
  toApiError,
  type RepaidAnswer,
  type RepaymentBody,
} from '../../shared/merchant-api.js';
import type { Amount } from './bill-panel.messages.js';

type Words = Amount | string;

interface Choose {
  step: 'choose';
  plan: Plan;
  /** How many of the oldest unpaid installments are chosen. */
  count: number;
  payoff: boolean;
  /** null while loading; [] when none could be loaded (`methodsError` says why). */
  methods: PaymentMethod[] | null;
  methodsError: string;
  methodId: string;
  requestId: string;
  busy: boolean;
  /** What went wrong (role alert) and what the shopper should know (role status). */
  error: Words;
  info: Words;
}

type State =
  | { step: 'closed' }
  | Choose
  /** The end: a success (`ok`) or a payment that needs the merchant's attention. */
  | { step: 'done'; plan: Plan; message: Words; ok: boolean };

/** How a sent repayment ended, once known. */
type Outcome =
  | { kind: 'paid'; answer: RepaidAnswer }
  | { kind: 'mismatch'; answer: RepaidAnswer }
  | { kind: 'changed'; plan: Plan; total: number; asOf: string }
  | { kind: 'refused'; error: MerchantApiError; plan: Plan | null }
  | { kind: 'not-paid'; plan: Plan }
  | { kind: 'paid-unconfirmed'; plan: Plan }
  | { kind: 'unknown' };

export class RepayFlow extends DialogFlow<State> {
  /** A repayment sent and not yet answered: no other repayment starts until it is. */
  pending = false;

  constructor(host: FlowHost) {
    super(host, { step: 'closed' });
  }

  async start(plan: Plan): Promise<void> {
    this.set({
      step: 'choose',
      plan,
      count: 1,
      payoff: false,
      methods: null,
      methodsError: '',
      methodId: plan.preferredMethod?.id ?? '',
      requestId: requestId(),
      busy: false,
      error: '',
      info: '',
    });
    await showModal(this.host, 'dialog.repay');
    await this.#loadMethods();
  }

  /** Paying needs a method the shopper can see: until the list is in, confirming stays disabled. */
  #loadMethods = async (): Promise<void> => {
    const s = this.state;
    if (s.step !== 'choose') return;
    const plan = s.plan;
    this.set({ ...s, methods: null, methodsError: '' });
    try {
      const methods = await this.host.paymentMethods();
      if (this.state.step !== 'choose' || this.state.plan.id !== plan.id) return;
      const preferred = plan.preferredMethod?.id ?? '';
      const methodId = methods.some((m) => m.id === preferred) ? preferred : (methods[0]?.id ?? '');
      this.set({ ...this.state, methods, methodId, methodsError: methods.length ? '' : this.host.text.noMethods });
    } catch (error) {
      if (this.state.step === 'choose')
        this.set({ ...this.state, methods: [], methodId: '', methodsError: this.host.reason(error) });
    }
  };

  /** Changing what is paid is a new attempt: it gets a new request id. */
  #choose(change: Partial<{ count: number; payoff: boolean; methodId: string }>): void {
    if (this.state.step !== 'choose' || this.state.busy) return;
    this.set({ ...this.state, ...change, requestId: requestId(), error: '', info: '' });
  }

  #choice(s: Choose): DueChoice | null {
    return s.payoff ? { payoff: true } : s.count > 0 ? { count: s.count } : null;
  }

  /** What the choice costs as of the merchant's date: the figure on the button and in `expectedTotal`. */
  #due(s: Choose): AmountDue | null {
    const choice = this.#choice(s);
    if (!choice) return null;
    try {
      return amountDue(s.plan, choice, this.host.day);
    } catch {
      return null;
    }
  }

  #body(s: Choose, due: AmountDue): RepaymentBody {
    const confirmed = { methodId: s.methodId, requestId: s.requestId, expectedTotal: due.total };
    return s.payoff ? { payoff: true, ...confirmed } : { installments: due.installments.map((i) => i.n), ...confirmed };
  }

  #submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const s = this.state;
    // The guard that makes a double click harmless: the second click finds the flow busy.
    if (s.step !== 'choose' || s.busy || this.pending || !s.methodId) return;
    if (!this.#choice(s)) return this.set({ ...s, error: this.host.text.errors['nothing-selected']! });
    const due = this.#due(s);
    if (!due) return;
    const body = this.#body(s, due);
    this.pending = true;
    this.set({ ...s, busy: true, error: '', info: '' });
    let outcome: Outcome;
    try {
      outcome = await this.#send(s.plan, body);
    } finally {
      this.pending = false;
    }
    this.#tell(outcome, s, body);
  };

  /** Sends the repayment and finds out how it ended. */
  async #send(plan: Plan, body: RepaymentBody): Promise<Outcome> {
    let error: MerchantApiError;
    try {
      const answer = parseRepaid(await this.host.merchant.repay(plan.id, body), plan.id);
      return { kind: answer.repayment.charged === body.expectedTotal ? 'paid' : 'mismatch', answer };
    } catch (e) {
      error = toApiError(e);
    }
    if (error.code === 'amount-changed') {
      try {
        return { kind: 'changed', ...parseAmountChanged(error, plan.id) };
      } catch (e) {
        error = toApiError(e);
        return { kind: 'refused', error, plan: await this.#planNow(plan.id) };
      }
    }
    if (!UNKNOWN_OUTCOME.has(error.code)) {
      // A refusal about the plan's state means the page's copy is old: show the plan as it is.
      const stale = ['paid-off', 'not-oldest-first', 'unknown-installment'].includes(error.code);
      return { kind: 'refused', error, plan: stale ? await this.#planNow(plan.id) : null };
    }
    // Nobody knows whether the merchant booked it: ask for the plan as it stands.
    this.host.reason(error); // the console gets the detail
    const s = this.state;
    if (s.step === 'choose' && s.busy) this.set({ ...s, info: this.host.text.checking });
    const now = await this.#planNow(plan.id);
    if (!now) return { kind: 'unknown' };
    const paid = (n: number) => {
      const i = now.installments.find((x) => x.n === n);
      return !!i && outstandingOf(i) === 0;
    };
    const asked = 'installments' in body ? body.installments : plan.installments.map((i) => i.n);
    if (!asked.every(paid)) return { kind: 'not-paid', plan: now };
    // It was booked. The same request id is answered with the first result and charges nothing again (the
    // merchant API's contract): that gives the receipt, whose figure is checked like any other.
    try {
      const answer = parseRepaid(await this.host.merchant.repay(plan.id, body), plan.id);
      return { kind: answer.repayment.charged === body.expectedTotal ? 'paid' : 'mismatch', answer };
    } catch {
      return { kind: 'paid-unconfirmed', plan: now };
    }
  }

  /** The plan as the merchant has it now (the list is read again), or null when that fails too. */
  async #planNow(id: string): Promise<Plan | null> {
    try {
      return (await this.host.reread()).find((p) => p.id === id) ?? null;
    } catch (error) {
      this.host.reason(error);
      return null;
    }
  }

  /** Tells the shopper how it ended: in the dialog if it is still open, else on the panel. */
  #tell(outcome: Outcome, sent: Choose, body: RepaymentBody): void {
    const h = this.host;
    const t = h.text;
    const here = this.state.step === 'choose' && this.state.busy;
    const again = (plan: Plan, words: { error?: Words; info?: Words }, keepId: boolean): void => {
      if (!here) {
        h.notify({ text: (words.error || words.info)!, info: !words.error });
        return;
      }
      const unpaid = plan.installments.filter((i) => outstandingOf(i) > 0).length;
      if (!unpaid) return this.set({ step: 'done', plan, message: t.alreadyPaidOff, ok: true });
      const next: Choose = { ...sent, plan, count: Math.min(sent.count, unpaid), busy: false, error: '', info: '' };
      const due = this.#due(next);
      // The same attempt keeps its request id only while it is the same request: a retry, charged at most once.
      const same = keepId && due !== null && JSON.stringify(this.#body(next, due)) === JSON.stringify(body);
      this.set({ ...next, ...words, requestId: same ? sent.requestId : requestId() });
    };
    switch (outcome.kind) {
      case 'paid': {
        const { plan, repayment } = outcome.answer;
        h.planChanged(plan, { repayment });
        const message = repayment.payoff
          ? t.repaidAll(h.money(repayment.charged))
          : t.repaid(h.money(repayment.charged), this.#periods(repayment.installments));
        return this.#finish(here, plan, message, true);
      }
      case 'mismatch': {
        const { plan, repayment } = outcome.answer;
        h.showPlan(plan);
        h.reportError(
          'charged-mismatch',
          `the merchant charged ${repayment.charged} fen, the shopper confirmed ${body.expectedTotal} fen`,
        );
        return this.#finish(
          here,
          plan,
          t.chargedMismatch(h.money(repayment.charged), h.money(body.expectedTotal)),
          false,
        );
      }
      case 'changed': {
        h.showPlan(outcome.plan, outcome.asOf);
        const next = { ...sent, plan: outcome.plan };
        const due = this.#due(next);
        // The merchant's new figure must be the one this page works out, or asking again cannot succeed.
        if (due && due.total !== outcome.total) {
          h.reportError('amount-disagrees', `the merchant asks ${outcome.total} fen, amountDue gives ${due.total} fen`);
          return again(outcome.plan, { error: t.amountDisagrees }, false);
        }
        return again(
          outcome.plan,
          here ? { info: t.amountChanged(h.money(outcome.total)) } : { error: t.amountChangedLater },
          false,
        );
      }
      case 'refused': {
        const reason = t.notCharged(h.reason(outcome.error), outcome.error.code === 'payment-declined');
        return again(outcome.plan ?? sent.plan, { error: reason }, true);
      }
      case 'not-paid':
        return again(outcome.plan, { error: t.confirmedNotPaid }, true);
      case 'paid-unconfirmed':
        return this.#finish(
          here,
          outcome.plan,
          t.confirmedPaid(this.#periods('installments' in body ? body.installments : [])),
          true,
        );
      case 'unknown':
        return again(sent.plan, { error: here ? t.outcomeUnknown : t.outcomeUnknownLater }, true);
    }
  }

  #periods(ns: number[]): string {
    return ns.map((n) => this.host.text.periodN(n)).join('、');
  }

  #finish(here: boolean, plan: Plan, message: Words, ok: boolean): void {
    if (!here) return this.host.notify({ text: message, info: ok });
    this.set({ step: 'done', plan, message, ok });
    void this.host.updateComplete.then(() =>
      this.host.shadowRoot?.querySelector<HTMLButtonElement>('dialog.repay .done')?.focus(),
    );
  }

  // Every way out (these buttons, Escape) ends in the dialog's close event, which resets the flow.
  close = (): void => this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.repay')?.close();

  #closed = (): void => {
    if (this.state.step === 'closed') return;
    // A dialog can always be closed; a payment in flight is then followed on the panel, which says how it ended.
    if (this.pending) this.host.notify({ text: this.host.text.pendingClosed, info: true });
    this.set({ step: 'closed' });
    this.host.flowClosed();
  };

  render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (s.step === 'closed') return nothing;
    const t = this.host.text;
    return html`<dialog class="repay" part="dialog repay-dialog" aria-labelledby="repay-title" @close=${this.#closed}>
      <h2 id="repay-title">${t.repayTitle(s.plan.product)}</h2>
      ${s.step === 'done' ? this.#renderDone(s) : this.#renderChoose(s)}
    </dialog>`;
  }

  #renderDone(s: Extract<State, { step: 'done' }>) {
    return html`<p role=${s.ok ? 'status' : 'alert'} class="result ${s.ok ? '' : 'error'}">${s.message}</p>
      <div class="actions">
        <button class="primary done" part="button" @click=${this.close}>${this.host.text.done}</button>
      </div>`;
  }

  #renderChoose(s: Choose) {
    const t = this.host.text;
    const h = this.host;
    const unpaid = installmentStatuses(s.plan, h.day).filter((i) => i.state !== 'paid');
    // Each row at what paying it costs now, from the same function as the total and the button.
    const rows = unpaid.length ? amountDue(s.plan, { count: unpaid.length }, h.day).installments : [];
    const due = this.#due(s);
    let payoff: AmountDue | null = null;
    try {
      payoff = amountDue(s.plan, { payoff: true }, h.day);
    } catch {
      // A paid-off plan has nothing to pay off.
    }
    const badge = (i: InstallmentStatus) =>
      i.state === 'overdue' ? t.overdue(i.daysOverdue) : i.state === 'due-today' ? t.dueToday : t.dueIn(i.daysUntilDue);
    return html`<form @submit=${this.#submit} aria-busy=${s.busy ? 'true' : 'false'}>
      <fieldset ?disabled=${s.busy}>
        <legend class="visually-hidden">${t.repay}</legend>
        <label class="choice"
          ><input
            type="radio"
            name="mode"
            value="installments"
            .checked=${!s.payoff}
            @change=${() => this.#choose({ payoff: false })}
          />
          ${t.byInstallment}</label
        >
        <label class="choice"
          ><input
            type="radio"
            name="mode"
            value="payoff"
            .checked=${s.payoff}
            @change=${() => this.#choose({ payoff: true })}
          />
          <span
            >${t.payoff} ${payoff ? h.money(payoff.total) : nothing}
            <span class="muted"
              >${payoff ? t.payoffNote(payoff.feeWaived > 0 ? h.money(payoff.feeWaived) : null) : nothing}</span
            ></span
          ></label
        >
      </fieldset>
      <fieldset class="installments" ?disabled=${s.busy || s.payoff}>
        <legend>${t.chooseInstallments}</legend>
        ${unpaid.map(
          (i, k) =>
            html`<label class="choice"
              ><input
                type="checkbox"
                name="installment"
                value=${i.n}
                .checked=${s.payoff || k < s.count}
                @change=${(e: Event) => this.#choose({ count: (e.target as HTMLInputElement).checked ? k + 1 : k })}
              />
              <span
                >${t.periodN(i.n)} · ${h.date(s.plan.installments.find((x) => x.n === i.n)!.dueDate)} ·
                ${h.money(rows[k]!.total)} <span class="badge ${i.state}">${badge(i)}</span></span
              ></label
            >`,
        )}
      </fieldset>
      ${
        s.methodsError
          ? html`<p class="error methods" role="alert">
              ${t.methodsFailed(s.methodsError)}
              <button type="button" class="retry" part="button" @click=${this.#loadMethods}>${t.retry}</button>
            </p>`
          : html`<p>
              <label
                >${t.method}
                <select
                  name="method"
                  ?disabled=${s.busy || !s.methods?.length}
                  @change=${(e: Event) => this.#choose({ methodId: (e.target as HTMLSelectElement).value })}
                >
                  ${
                    s.methods
                      ? s.methods.map(
                          (m) =>
                            html`<option value=${m.id} ?selected=${m.id === s.methodId}>${h.methodLabel(m)}</option>`,
                        )
                      : html`<option>${t.loadingMethods}</option>`
                  }
                </select></label
              >
            </p>`
      }
      <div class="foot">
        <p class="total" aria-live="polite">
          ${t.total} <output>${due ? h.money(due.total) : '—'}</output>
          ${due && due.lateCharge > 0 ? html`<span class="muted">${t.includesLate(h.money(due.lateCharge))}</span>` : nothing}
        </p>
        <p class="info" role="status">${s.info}</p>
        <p class="error" role="alert">${s.error}</p>
        <div class="actions">
          <button type="button" part="button" @click=${this.close}>${s.busy ? t.close : t.cancel}</button>
          <button type="submit" class="primary confirm" part="button" ?disabled=${s.busy || !due || !s.methodId}>
            ${s.busy ? t.paying : html`${t.confirmRepay} ${due ? h.money(due.total) : nothing}`}
          </button>
        </div>
      </div>
    </form>`;
  }
}
