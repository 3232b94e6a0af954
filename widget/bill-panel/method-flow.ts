/**
 * 修改支付方式: list the shopper's payment methods, choose the preferred (auto-debit) one, pass the
 * verification the merchant asks for (a 409 challenge: SMS code with resend, or payment password), see the
 * result. The code is sent to the merchant and forgotten: it is never stored or announced.
 *
 * The SMS step works like stores' own: resend waits out a countdown ("重新发送(59s)", the challenge's
 * `resendAfter`, 60 s when not given, or a refusal's `retryAfter`); a wrong code says how many tries are left;
 * a locked code and an expired one are told apart; a resend empties the code field. The dialog can be closed
 * while a change is being sent: its outcome is then told on the panel.
 */
import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { PaymentMethod, Plan } from '../../shared/plan.js';
import { DialogFlow, showModal, type FlowHost } from './flow.js';
import { parseMethodChange, toApiError, type VerificationChallenge } from '../../shared/merchant-api.js';

/** Seconds before another code may be asked for, when the merchant does not say. */
const RESEND_AFTER = 60;

type State =
  | { step: 'closed' }
  | {
      step: 'choose';
      plan: Plan;
      methods: PaymentMethod[] | null;
      methodId: string;
      busy: boolean;
      error: string;
    }
  | {
      step: 'verify';
      plan: Plan;
      method: PaymentMethod;
      challenge: VerificationChallenge;
      busy: boolean;
      error: string;
      info: string;
      /** When (Date.now() ms) the shopper may ask for another code. */
      resendAt: number;
    }
  | { step: 'done'; plan: Plan; method: PaymentMethod };

export class MethodFlow extends DialogFlow<State> {
  /** Counts opened dialogs: an answer that arrives after its dialog was closed finds another number. */
  #run = 0;
  #ticker: ReturnType<typeof setInterval> | undefined;

  constructor(host: FlowHost) {
    super(host, { step: 'closed' });
  }

  /** Seconds left before a resend, 0 when it may be sent now. */
  #wait(s: { resendAt: number }): number {
    return Math.max(0, Math.ceil((s.resendAt - Date.now()) / 1000));
  }

  /** Re-renders once a second while a resend countdown runs (the button's "(59s)"), and stops after it. */
  #tick(): void {
    clearInterval(this.#ticker);
    this.#ticker = setInterval(() => {
      const s = this.state;
      if (s.step !== 'verify' || !this.#wait(s)) clearInterval(this.#ticker);
      this.host.requestUpdate();
    }, 1000);
  }

  #focus(selector: string): void {
    void this.host.updateComplete.then(() =>
      this.host.shadowRoot?.querySelector<HTMLElement>(`dialog.method ${selector}`)?.focus(),
    );
  }

  async start(plan: Plan): Promise<void> {
    const current = plan.preferredMethod?.id ?? '';
    const run = ++this.#run;
    this.set({ step: 'choose', plan, methods: null, methodId: current, busy: false, error: '' });
    await showModal(this.host, 'dialog.method');
    try {
      const methods = await this.host.paymentMethods();
      if (this.#run !== run || this.state.step !== 'choose') return;
      this.set({ ...this.state, methods, error: methods.length ? '' : this.host.text.noMethods });
    } catch (error) {
      if (this.state.step === 'choose') this.set({ ...this.state, methods: [], error: this.host.reason(error) });
    }
  }

  /** Sends the change, with the code when there is one; the answer is the new plan or a (new) challenge. */
  /**
   * Sends the change, with the code when there is one; the answer is the new plan or a (new) challenge.
   * False when the dialog was closed before the answer came (a change made is then told on the panel).
   */
  async #send(plan: Plan, method: PaymentMethod, verification?: string): Promise<boolean> {
    const run = this.#run;
    const body = verification === undefined ? { methodId: method.id } : { methodId: method.id, verification };
    const answer = parseMethodChange(await this.host.merchant.setPreferredMethod(plan.id, body), plan.id);
    const here = run === this.#run;
    if ('plan' in answer) {
      this.host.planChanged(answer.plan, { method });
      if (!here) {
        this.host.notify({ text: this.host.text.methodChanged(this.host.methodLabel(method)), info: true });
        return false;
      }
      this.set({ step: 'done', plan: answer.plan, method });
      this.#focus('.done');
      return true;
    }
    // A code sent for a dialog the shopper closed is simply not asked for.
    if (!here) return false;
    const resent = this.state.step === 'verify';
    this.set({
      step: 'verify',
      plan,
      method,
      challenge: answer,
      busy: false,
      error: '',
      info: resent ? this.host.text.resent : '',
      resendAt: Date.now() + (answer.resendAfter ?? RESEND_AFTER) * 1000,
    });
    this.#tick();
    this.host.verificationRequested(plan, answer);
    // A new code makes the one typed for the old one useless.
    const input = this.host.shadowRoot?.querySelector<HTMLInputElement>('dialog.method input[name="code"]');
    if (input) input.value = '';
    this.#focus('input[name="code"]');
    return true;
  }

  #next = async (event: Event): Promise<void> => {
    event.preventDefault();
    const s = this.state;
    if (s.step !== 'choose' || s.busy) return;
    const method = s.methods?.find((m) => m.id === s.methodId);
    if (!method) return;
    if (method.id === s.plan.preferredMethod?.id && s.plan.autoDebit)
      return this.set({ ...s, error: this.host.text.sameMethod });
    this.set({ ...s, busy: true, error: '' });
    const run = this.#run;
    try {
      await this.#send(s.plan, method);
    } catch (error) {
      const reason = this.host.text.notChanged(this.host.reason(error));
      if (run !== this.#run) this.host.notify({ text: reason });
      else if (this.state.step === 'choose') this.set({ ...this.state, busy: false, error: reason });
    }
  };

  #verify = async (event: Event): Promise<void> => {
    event.preventDefault();
    const s = this.state;
    if (s.step !== 'verify' || s.busy) return;
    const input = (event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    const code = input.value.trim();
    const valid = s.challenge.verification === 'sms' ? /^\d{6}$/.test(code) : code.length > 0 && code.length <= 64;
    if (!valid) {
      this.set({ ...s, error: this.host.text.badCodeFormat, info: '' });
      input.focus();
      return;
    }
    await this.#attempt(s, code);
  };

  #resend = async (): Promise<void> => {
    const s = this.state;
    if (s.step !== 'verify' || s.busy || this.#wait(s)) return;
    await this.#attempt(s, undefined);
  };

  async #attempt(s: Extract<State, { step: 'verify' }>, code: string | undefined): Promise<void> {
    const run = this.#run;
    this.set({ ...s, busy: true, error: '', info: '' });
    try {
      await this.#send(s.plan, s.method, code);
    } catch (error) {
      const reason = this.host.reason(error);
      if (run !== this.#run) return this.host.notify({ text: this.host.text.notChanged(reason) });
      if (this.state.step !== 'verify') return;
      // Locked or too many codes: no new code until the merchant's wait is over, counted down on the button.
      const e = toApiError(error);
      const later = e.retryAfter && /locked|too-many/.test(e.code) ? Date.now() + e.retryAfter * 1000 : 0;
      this.set({ ...this.state, busy: false, error: reason, resendAt: Math.max(this.state.resendAt, later) });
      if (later) this.#tick();
      this.#focus('input[name="code"]');
    }
  }

  // Every way out (these buttons, Escape) ends in the dialog's close event, which resets the flow.
  close = (): void => this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.method')?.close();

  #closed = (): void => {
    if (this.state.step === 'closed') return;
    // A change in flight goes on; its answer finds another run and is told on the panel.
    this.#run++;
    clearInterval(this.#ticker);
    this.set({ step: 'closed' });
    this.host.flowClosed();
  };

  render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (s.step === 'closed') return nothing;
    const t = this.host.text;
    return html`<dialog
      class="method"
      part="dialog method-dialog"
      aria-labelledby="method-title"
      @close=${this.#closed}
    >
      <h2 id="method-title">${t.methodTitle(s.plan.product)}</h2>
      ${s.step === 'choose' ? this.#renderChoose(s) : s.step === 'verify' ? this.#renderVerify(s) : this.#renderDone(s)}
    </dialog>`;
  }

  #renderChoose(s: Extract<State, { step: 'choose' }>) {
    const t = this.host.text;
    const current = s.plan.preferredMethod?.id;
    return html`<form @submit=${this.#next} aria-busy=${s.busy ? 'true' : 'false'}>
      <fieldset ?disabled=${s.busy}>
        <legend>${t.chooseMethod}</legend>
        ${s.methods === null ? html`<p role="status">${t.loading}</p>` : nothing}
        ${(s.methods ?? []).map(
          (m) =>
            html`<label class="choice"
              ><input
                type="radio"
                name="method"
                value=${m.id}
                .checked=${m.id === s.methodId}
                @change=${() => this.set({ ...s, methodId: m.id, error: '' })}
              />
              <span
                >${this.host.methodLabel(m)}
                ${m.id === current ? html`<span class="muted">(${t.current})</span>` : nothing}</span
              ></label
            >`,
        )}
      </fieldset>
      <p class="error" role="alert">${s.error}</p>
      <div class="actions">
        <button type="button" part="button" @click=${this.close}>${t.cancel}</button>
        <button type="submit" class="primary" part="button" ?disabled=${s.busy || !s.methods?.length}>
          ${s.busy ? t.saving : t.next}
        </button>
      </div>
    </form>`;
  }

  #renderVerify(s: Extract<State, { step: 'verify' }>) {
    const t = this.host.text;
    const sms = s.challenge.verification === 'sms';
    const wait = this.#wait(s);
    return html`<form @submit=${this.#verify} aria-busy=${s.busy ? 'true' : 'false'}>
      <h3>${t.verifyTitle(this.host.methodLabel(s.method))}</h3>
      <p class="muted" id="code-hint">${s.challenge.hint}</p>
      <p>
        <label
          >${sms ? t.codeLabel : t.passwordLabel}
          <input
            name="code"
            type=${sms ? 'text' : 'password'}
            inputmode=${sms ? 'numeric' : 'text'}
            autocomplete=${sms ? 'one-time-code' : 'off'}
            maxlength=${sms ? 6 : 64}
            aria-describedby="code-hint code-error"
            aria-invalid=${s.error ? 'true' : 'false'}
            ?disabled=${s.busy}
        /></label>
        ${
          sms
            ? html`<button
                type="button"
                class="resend"
                part="button"
                ?disabled=${s.busy || wait > 0}
                @click=${this.#resend}
              >
                ${wait ? t.resendIn(wait) : t.resend}
              </button>`
            : nothing
        }
      </p>
      <p role="status" class="info">${s.info}</p>
      <p class="error" role="alert" id="code-error">${s.error}</p>
      <div class="actions">
        <button type="button" part="button" @click=${this.close}>${t.cancel}</button>
        <button type="submit" class="primary" part="button" ?disabled=${s.busy}>
          ${s.busy ? t.saving : t.confirm}
        </button>
      </div>
    </form>`;
  }

  #renderDone(s: Extract<State, { step: 'done' }>) {
    const t = this.host.text;
    return html`<p role="status" class="result">${t.methodChanged(this.host.methodLabel(s.method))}</p>
      <div class="actions"><button class="primary done" part="button" @click=${this.close}>${t.done}</button></div>`;
  }
}
