/**
 * 立即还款: choose the oldest unpaid installments (a later one only with every earlier one) or pay off
 * everything, see the total that shared/ `applyRepayment` computes, choose how to pay, confirm, see the
 * result. A failure shows its reason and changes nothing; a second click while paying does nothing, and a
 * retry of the same attempt carries the same request id, so the merchant charges at most once.
 */
import { html, nothing } from 'lit/html.js';
import {
  applyRepayment,
  installmentStatuses,
  type InstallmentStatus,
  type RepaymentResult,
} from '../../shared/bill-state.js';
import type { PaymentMethod, Plan } from '../../shared/plan.js';
import { DialogFlow, requestId, showModal, type FlowHost } from './flow.js';
import { parseRepaid, type Repayment } from '../../shared/merchant-api.js';

type State =
  | { step: 'closed' }
  | {
      step: 'choose';
      plan: Plan;
      /** How many of the oldest unpaid installments are chosen. */
      count: number;
      payoff: boolean;
      methods: PaymentMethod[] | null;
      methodId: string;
      requestId: string;
      busy: boolean;
      error: string;
    }
  | { step: 'done'; plan: Plan; repayment: Repayment };

export class RepayFlow extends DialogFlow<State> {
  constructor(host: FlowHost) {
    super(host, { step: 'closed' });
  }

  async start(plan: Plan): Promise<void> {
    const preferred = plan.preferredMethod?.id ?? '';
    this.set({
      step: 'choose',
      plan,
      count: 1,
      payoff: false,
      methods: null,
      methodId: preferred,
      requestId: requestId(),
      busy: false,
      error: '',
    });
    await showModal(this.host, 'dialog.repay');
    try {
      const methods = await this.host.paymentMethods();
      if (this.state.step !== 'choose' || this.state.plan.id !== plan.id) return;
      const methodId = methods.some((m) => m.id === preferred) ? preferred : (methods[0]?.id ?? '');
      this.set({ ...this.state, methods, methodId, error: methods.length ? '' : this.host.text.noMethods });
    } catch (error) {
      if (this.state.step === 'choose') this.set({ ...this.state, methods: [], error: this.host.reason(error) });
    }
  }

  /** Changing what is paid is a new attempt: it gets a new request id. */
  private choose(change: Partial<{ count: number; payoff: boolean; methodId: string }>): void {
    if (this.state.step !== 'choose' || this.state.busy) return;
    this.set({ ...this.state, ...change, requestId: requestId(), error: '' });
  }

  private preview(s: Extract<State, { step: 'choose' }>, unpaid: InstallmentStatus[]): RepaymentResult | null {
    if (!s.payoff && s.count === 0) return null;
    try {
      const request = s.payoff ? { payoff: true as const } : { installments: unpaid.slice(0, s.count).map((i) => i.n) };
      return applyRepayment(s.plan, request, this.host.day);
    } catch {
      return null;
    }
  }

  private submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const s = this.state;
    // The guard that makes a double click harmless: the second click finds the flow busy.
    if (s.step !== 'choose' || s.busy || !s.methodId) return;
    const unpaid = installmentStatuses(s.plan, this.host.day).filter((i) => i.state !== 'paid');
    if (!s.payoff && s.count === 0) return this.set({ ...s, error: this.host.text.nothingSelected });
    const preview = this.preview(s, unpaid);
    if (!preview) return;
    this.set({ ...s, busy: true, error: '' });
    // expectedTotal: what the button said; the merchant refuses (409 amount-changed) to charge any other figure.
    const confirmed = { methodId: s.methodId, requestId: s.requestId, expectedTotal: preview.charged };
    const body = s.payoff
      ? { payoff: true as const, ...confirmed }
      : { installments: unpaid.slice(0, s.count).map((i) => i.n), ...confirmed };
    try {
      const { plan, repayment } = parseRepaid(await this.host.merchant.repay(s.plan.id, body), s.plan.id);
      this.set({ step: 'done', plan, repayment });
      this.host.planChanged(plan, { repayment });
      await this.host.updateComplete;
      this.host.shadowRoot?.querySelector<HTMLButtonElement>('dialog.repay .done')?.focus();
    } catch (error) {
      if (this.state.step === 'choose')
        this.set({ ...this.state, busy: false, error: this.host.text.failed(this.host.reason(error)) });
    }
  };

  // Every way out (these buttons, Escape) ends in the dialog's close event, which resets the flow.
  close = (): void => this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.repay')?.close();

  private closed = (): void => {
    if (this.state.step === 'closed') return;
    this.set({ step: 'closed' });
    this.host.flowClosed();
  };

  private cancel = (event: Event): void => {
    // Escape while paying would hide a payment in flight; the dialog stays until the answer comes.
    if (this.state.step === 'choose' && this.state.busy) event.preventDefault();
  };

  render() {
    const s = this.state;
    if (s.step === 'closed') return nothing;
    const t = this.host.text;
    return html`<dialog
      class="repay"
      part="dialog repay-dialog"
      aria-labelledby="repay-title"
      @close=${this.closed}
      @cancel=${this.cancel}
    >
      <h2 id="repay-title">${t.repayTitle(s.plan.product)}</h2>
      ${s.step === 'done' ? this.renderDone(s) : this.renderChoose(s)}
    </dialog>`;
  }

  private renderDone(s: Extract<State, { step: 'done' }>) {
    const t = this.host.text;
    const r = s.repayment;
    const message = r.payoff
      ? t.repaidAll(this.host.money(r.charged))
      : t.repaid(this.host.money(r.charged), r.installments.map((n) => t.periodN(n)).join('、'));
    return html`<p role="status" class="result">${message}</p>
      <div class="actions"><button class="primary done" part="button" @click=${this.close}>${t.done}</button></div>`;
  }

  private renderChoose(s: Extract<State, { step: 'choose' }>) {
    const t = this.host.text;
    const h = this.host;
    const unpaid = installmentStatuses(s.plan, h.day).filter((i) => i.state !== 'paid');
    const dueOf = new Map(s.plan.installments.map((i) => [i.n, i.dueDate]));
    const preview = this.preview(s, unpaid);
    const payoffQuote = this.preview({ ...s, payoff: true }, unpaid);
    const badge = (i: InstallmentStatus) =>
      i.state === 'overdue' ? t.overdue(i.daysOverdue) : i.state === 'due-today' ? t.dueToday : t.dueIn(i.daysUntilDue);
    return html`<form @submit=${this.submit} aria-busy=${s.busy ? 'true' : 'false'}>
      <fieldset ?disabled=${s.busy}>
        <legend class="visually-hidden">${t.repay}</legend>
        <label class="choice"
          ><input
            type="radio"
            name="mode"
            value="installments"
            .checked=${!s.payoff}
            @change=${() => this.choose({ payoff: false })}
          />
          ${t.byInstallment}</label
        >
        <label class="choice"
          ><input
            type="radio"
            name="mode"
            value="payoff"
            .checked=${s.payoff}
            @change=${() => this.choose({ payoff: true })}
          />
          <span
            >${t.payoff} ${payoffQuote ? h.money(payoffQuote.charged) : nothing}
            <span class="muted"
              >${payoffQuote ? t.payoffNote(payoffQuote.waivedFee > 0 ? h.money(payoffQuote.waivedFee) : null) : nothing}</span
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
                @change=${(e: Event) => this.choose({ count: (e.target as HTMLInputElement).checked ? k + 1 : k })}
              />
              <span
                >${t.periodN(i.n)} · ${h.date(dueOf.get(i.n)!)} · ${h.money(i.outstanding + i.lateCharge)}
                <span class="badge ${i.state}">${badge(i)}</span></span
              ></label
            >`,
        )}
      </fieldset>
      <p>
        <label
          >${t.method}
          <select
            name="method"
            ?disabled=${s.busy || !s.methods?.length}
            @change=${(e: Event) => this.choose({ methodId: (e.target as HTMLSelectElement).value })}
          >
            ${(s.methods ?? []).map((m) => html`<option value=${m.id} ?selected=${m.id === s.methodId}>${h.methodLabel(m)}</option>`)}
          </select></label
        >
      </p>
      <div class="foot">
        <p class="total" aria-live="polite">
          ${t.total} <output>${preview ? h.money(preview.charged) : '—'}</output>
          ${preview && preview.lateCharge > 0 ? html`<span class="muted">${t.includesLate(h.money(preview.lateCharge))}</span>` : nothing}
        </p>
        <p class="error" role="alert">${s.error}</p>
        <div class="actions">
          <button type="button" part="button" ?disabled=${s.busy} @click=${this.close}>${t.cancel}</button>
          <button type="submit" class="primary confirm" part="button" ?disabled=${s.busy || !preview || !s.methodId}>
            ${s.busy ? t.paying : html`${t.confirmRepay} ${preview ? h.money(preview.charged) : nothing}`}
          </button>
        </div>
      </div>
    </form>`;
  }
}
