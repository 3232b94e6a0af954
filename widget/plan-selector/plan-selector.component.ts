import { html, nothing, type TemplateResult } from 'lit/html.js';
import { type ConfigResult, type MerchantConfig, validateMerchantConfig } from '../../shared/config.js';
import { localToday } from '../../shared/dates.js';
import type { Fen } from '../../shared/plan.js';
import type { QuoteResult } from '../../shared/quote.js';
import { type EventsOf, FenqiElement, type PropertyOptions } from '../internal/element.js';
import { formatDate, formatFen, spokenMoney, type Locale } from '../../shared/format.js';
import { localeOf, translate } from '../internal/locale.js';
import { messages, type PlanSelectorMessages } from './plan-selector.messages.js';
import {
  checkChoice,
  checkInputs,
  type DisabledReason,
  fail,
  type Failure,
  type Fetched,
  invalidConfig,
  keptTerm,
  type Offer,
  type ProviderOffer,
  quoteOffer,
  selection,
  type TermOffer,
  type Waiting,
} from './plan-selector.state.js';
import { planSelectorStyles } from './plan-selector.styles.js';

/** Detail of `fenqi-plan-change`: the shopper's new choice. `term` and `quote` are null while no term is chosen. */
export interface PlanChangeDetail {
  /** The form value, `provider:term` (e.g. `huabei:12`), or "" while no term is chosen. */
  value: string;
  provider: string;
  term: number | null;
  quote: QuoteResult | null;
}

/** Detail of `fenqi-error`. */
export interface PlanSelectorErrorDetail {
  /** `invalid-config`, `config-unavailable`, `invalid-amount`, `invalid-currency`, `invalid-date`, `unknown-plan` or `internal`. */
  code: string;
  /** What is wrong, in English, for the merchant's developers. */
  message: string;
}

/** Detail of `fenqi-ready`. */
export interface PlanSelectorReadyDetail {
  /** The current form value ("" when nothing is chosen yet). */
  value: string;
}

/** The selector's events, by name: their details. */
export interface PlanSelectorEvents {
  'fenqi-plan-change': PlanChangeDetail;
  'fenqi-ready': PlanSelectorReadyDetail;
  'fenqi-error': PlanSelectorErrorDetail;
}

declare global {
  interface GlobalEventHandlersEventMap extends EventsOf<PlanSelectorEvents> {}
}

type Status = Waiting | Failure | { kind: 'ready' };

/**
 * @tagname fenqi-plan-selector
 * @summary The installment-plan selector for a merchant's checkout: every plan the store offers for a price,
 * with its true cost (per-period amount, fees, 年化利率) and one choice that is submitted with the form.
 *
 * @fires fenqi-plan-change - The shopper chose a provider or a term. Cancelable: `preventDefault()` rolls the choice back. Detail `{ value, provider, term, quote }`.
 * @fires fenqi-ready - The plans are shown (after the first load, and again after recovering from an error). Detail `{ value }`.
 * @fires fenqi-error - The selector cannot show plans: bad amount, config or value. Detail `{ code, message }`; the same message is logged once with `console.error`.
 *
 * @csspart providers - The fieldset of providers (花呗分期, 信用卡分期 …).
 * @csspart provider - One provider choice (a label around its radio button).
 * @csspart terms - The fieldset of terms.
 * @csspart term - One term choice: per-period amount, fee, badges, reason when disabled.
 * @csspart badge - The 免息 and 推荐 badges.
 * @csspart reason - Why a term is disabled (满¥100可用 …).
 * @csspart summary - Total fee, total repayment and 年化利率 of the chosen (or suggested) plan.
 * @csspart details - The disclosure with the full repayment schedule.
 * @csspart schedule - The schedule table.
 * @csspart status - The loading and "no plan for this amount" messages.
 * @csspart error - The error message.
 * @csspart retry - The button that asks `config-src` again after it did not answer (重试 / Try again).
 *
 * @cssproperty --fenqi-accent - Selected choices, badges and focus ring. Default #ff6700 (#ff8a3d in dark mode).
 * @cssproperty --fenqi-badge-bg - Background of the badges. Default the accent at 18%.
 * @cssproperty --fenqi-border - Borders of the choices. Default currentColor at 25%.
 * @cssproperty --fenqi-muted - Secondary text (fees, reasons, table headings). Default currentColor at 70%.
 * @cssproperty --fenqi-selected-bg - Background of a selected choice. Default the accent at 8%.
 * @cssproperty --fenqi-radius - Corner radius of the choices. Default 8px.
 * @cssproperty --fenqi-gap - Space between the choices. Default 0.5rem.
 * @cssproperty --fenqi-error - Colour of the error state. Default #c5221f (#f28b82 in dark mode).
 */
export class FenqiPlanSelector extends FenqiElement<PlanSelectorEvents> {
  static override styles = planSelectorStyles;
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { mode: 'open', delegatesFocus: true };

  // Reactive properties as in Lit (see FenqiElement); defaults are set in the constructor.
  static override properties: Record<string, PropertyOptions> = {
    amount: {},
    amountFen: { attribute: 'amount-fen' },
    currency: {},
    config: { attribute: false },
    configSrc: { attribute: 'config-src' },
    name: { reflect: true },
    purchaseDate: { attribute: 'purchase-date' },
    required: { type: Boolean },
    timeout: {},
    value: {},
    provider: { state: true },
    term: { state: true },
    fetched: { state: true },
    detailsOpen: { state: true },
    formDisabled: { state: true },
  };

  /** The price in currency units as a decimal string, e.g. "5999.00". Ignored when `amount-fen` is set. */
  declare amount: string;
  /** The price in fen (minor units) as a whole number, e.g. 599900. Wins over `amount`. */
  declare amountFen: string | number | null;
  /** ISO 4217 currency of the amount; must match the config's. Default: the config's (CNY). */
  declare currency: string;
  /** The merchant config (docs/merchant-config.md), object or JSON text; wins over `config-src`. Neither: the loading state. */
  declare config: unknown;
  /** URL of the merchant config as JSON. */
  declare configSrc: string;
  /** Name of the form field: the form submits `name=provider:term`. */
  declare name: string;
  /** Purchase date `YYYY-MM-DD` the schedule starts from. Default: today in the shopper's calendar. */
  declare purchaseDate: string;
  /** Whether the form requires a plan to be chosen. */
  declare required: boolean;
  /** How long to wait for `config-src`, in milliseconds, before showing the error state with a retry. Default 15000. */
  declare timeout: number | string;
  declare private provider: string;
  declare private term: number;
  declare private fetched: Fetched | null;
  declare private detailsOpen: boolean;
  declare private formDisabled: boolean;

  constructor() {
    super();
    this.amount = this.currency = this.configSrc = this.name = this.purchaseDate = this.provider = '';
    this.amountFen = this.fetched = null;
    this.required = this.detailsOpen = this.formDisabled = false;
    this.term = 0;
    this.timeout = 15e3;
  }

  readonly #internals = this.attachInternals();
  /** What the host asked for through `value`, checked against the config; "" after a shopper's choice. */
  #requested = '';
  #status: Status = { kind: 'waiting' };
  /** Every provider's terms, quoted once per config, amount and date (not per click). */
  #offer: Offer = { providers: [] };
  #locale: Locale = 'en';
  #m: PlanSelectorMessages = messages.en;
  #currencyCode = 'CNY';
  #quoted: { config?: MerchantConfig; key?: string } = {};
  #validated: { input: unknown; result: ConfigResult } | null = null;
  /** The last status reported through events and console.error, so each problem is reported once. */
  #reported = '';

  /** The chosen plan as `provider:term` (the form value), or "" when no term is chosen or it is not available for this amount. */
  get value(): string {
    return this.#selection()?.value ?? '';
  }
  set value(value: string) {
    // FenqiElement leaves a class's own accessor alone; setting provider and term below requests the update.
    const [provider = '', term = ''] = String(value ?? '').split(':');
    this.#requested = value ? String(value) : '';
    this.provider = provider;
    this.term = Number(term) || 0;
  }

  /** Runs the form's constraint check: false (and an `invalid` event) while `required` and no plan is chosen. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** Like `checkValidity()`, and shows the browser's message at the terms. */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** The shopper's choice as shown; null while there is nothing to choose from. */
  #selection() {
    return this.#status.kind === 'ready' ? selection(this.#offer, this.provider, this.term) : null;
  }

  override willUpdate(): void {
    this.#locale = localeOf(this);
    this.#m = translate(messages, this.#locale);
    try {
      this.#status = this.#compute();
    } catch (error) {
      // Nothing in here should throw; if it does, the host page must not pay for it.
      this.#status = fail('internal', String(error));
    }
  }

  #compute(): Status {
    // The config property is validated once per value, not once per update.
    if (this.config != null && this.#validated?.input !== this.config) {
      this.#validated = { input: this.config, result: validateMerchantConfig(this.config) };
    }
    const priced = checkInputs(this, this.config != null ? this.#validated!.result : null, this.fetched, localToday());
    if ('kind' in priced) return priced;
    const { config, fen, date } = priced;
    this.#currencyCode = priced.currency;
    const key = [fen, date].join();
    if (config !== this.#quoted.config || key !== this.#quoted.key) {
      this.#quoted = { config, key };
      this.#offer = quoteOffer(config, fen, date);
    }
    const choice = checkChoice(this.#offer, this.#requested, this.provider, this.term);
    if ('kind' in choice) return choice;
    ({ provider: this.provider, term: this.term } = choice);
    return { kind: 'ready' };
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('configSrc') && this.configSrc && this.config == null) void this.#load(this.configSrc);

    // The radios follow the state, never the other way round: a cancelled choice is undone here too.
    const shown = this.#selection()?.shown.provider.id;
    for (const input of this.renderRoot.querySelectorAll('input')) {
      input.checked = !input.disabled && input.value === (input.name === 'term' ? String(this.term) : shown);
    }
    const value = this.value;
    this.#internals.setFormValue(value || null, value);
    if (this.required && !value) {
      this.#internals.setValidity(
        { valueMissing: true },
        this.#m.required,
        this.renderRoot.querySelector('input') ?? undefined,
      );
    } else {
      this.#internals.setValidity({});
    }

    const s = this.#status;
    const key = s.kind === 'error' ? s.message : s.kind;
    if (key === this.#reported || s.kind === 'waiting') return;
    this.#reported = key;
    if (s.kind === 'error') {
      console.error(`<fenqi-plan-selector>: ${s.message}`);
      this.emit('fenqi-error', { code: s.code, message: s.message });
    } else {
      this.emit('fenqi-ready', { value });
    }
  }

  async #load(src: string): Promise<void> {
    let fetched: Fetched;
    try {
      // A config-src that never answers ends in the error state too (with a retry), not in a placeholder forever.
      const response = await fetch(src, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(+this.timeout > 0 ? +this.timeout : 15e3),
      });
      if (!response.ok) {
        fetched = { src, ...fail('config-unavailable', `config-src "${src}" answered HTTP ${response.status}`) };
      } else {
        const result = validateMerchantConfig(await response.text());
        fetched = result.ok
          ? { src, config: result.config }
          : { src, ...invalidConfig(`config-src "${src}"`, result.errors) };
      }
    } catch (error) {
      fetched = { src, ...fail('config-unavailable', `config-src "${src}" could not be fetched (${String(error)})`) };
    }
    // A slower answer for an earlier config-src must not replace the current one.
    if (src === this.configSrc) this.fetched = fetched;
  }

  /** Asks `config-src` again, showing the loading state meanwhile. */
  #retry = () => {
    this.fetched = null;
    void this.#load(this.configSrc);
  };

  /** The shopper chose a provider (term kept when that provider offers it) or a term. */
  #pick(provider: string, term: number): void {
    const before = [this.provider, this.term, this.#requested] as const;
    this.provider = provider;
    this.term = term;
    this.#requested = '';
    const { value, chosen } = this.#selection() ?? {};
    const detail: PlanChangeDetail = {
      value: value ?? '',
      provider,
      term: chosen ? term : null,
      quote: chosen?.quote ?? null,
    };
    if (!this.emit('fenqi-plan-change', detail, { cancelable: true }))
      [this.provider, this.term, this.#requested] = before;
    this.requestUpdate();
  }

  #pickProvider(to: ProviderOffer): void {
    this.#pick(to.provider.id, keptTerm(to, this.term));
  }

  formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
  }

  formStateRestoreCallback(state: string | null): void {
    this.value = state ?? '';
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  override render() {
    const m = this.#m;
    const status = this.#status;
    if (status.kind === 'error') {
      // The detail is for the merchant's developers (fenqi-error, console): a shopper reads one sentence in their language.
      // A config-src that did not answer can be asked again; a config that is wrong cannot be fixed by the shopper.
      return html`<p part="error" role="alert">
        ${m.unavailable}${
          status.code === 'config-unavailable'
            ? html` <button part="retry" @click=${this.#retry}>${m.retry}</button>`
            : nothing
        }
      </p>`;
    }
    if (status.kind === 'waiting') {
      // A placeholder of the usual shape (3 providers, 4 terms, the summary), so the page does not jump on load.
      const cells = (n: number, cell: TemplateResult) => Array(n).fill(cell);
      const line = html`<dt>&nbsp;</dt>
        <dd></dd>`;
      return html`<p part="status" role="status">${m.loading}</p>
        <div class="w" inert>
          <fieldset>${cells(3, html`<label>&nbsp;</label>`)}</fieldset>
          <p>&nbsp;</p>
          <fieldset>${cells(4, html`<label>&nbsp;<small>&nbsp;</small></label>`)}</fieldset>
          <section>
            <h3>&nbsp;</h3>
            <dl>${cells(3, line)}</dl>
          </section>
          <details><summary>&nbsp;</summary></details>
        </div>`;
    }

    const { shown, chosen } = this.#selection()!;
    // The summary shows the chosen plan, else the one this provider suggests.
    const summary = chosen ?? shown.pick;
    return html`<fieldset part="providers" ?disabled=${this.formDisabled}>
        <legend>${m.providers}</legend>
        ${this.#offer.providers.map(
          (v) =>
            html`<label part="provider"
              ><input type="radio" name="provider" .value=${v.provider.id} @change=${() => this.#pickProvider(v)} />${
                v.provider.name
              }</label
            >`,
        )}
      </fieldset>
      <fieldset part="terms" ?disabled=${this.formDisabled}>
        <legend>${m.terms}</legend>
        ${shown.terms.map((t) => this.#renderTerm(shown, t))}
      </fieldset>
      ${shown.terms.some((t) => t.quote) ? nothing : html`<p part="status">${m.none}</p>`}
      ${summary?.quote ? this.#renderSummary(summary.quote, !!chosen) : nothing}`;
  }

  #renderTerm(v: ProviderOffer, t: TermOffer): TemplateResult {
    const m = this.#m;
    const p = t.periods;
    const suggested = t === this.#offer.suggested;
    // Every amount as quote() gives it, the odd fen said where it falls: "¥537.40 × 11期 + ¥537.53".
    const text = (format: (fen: Fen) => string) => [
      !p
        ? m.term(t.term)
        : !p.even
          ? m.firstPeriod(format(p.first), t.term)
          : p.last === null
            ? m.perPeriod(format(p.first), t.term)
            : `${m.perPeriod(format(p.first), t.term - 1)} + ${format(p.last)}`,
      p?.fee ? m.feePerPeriod(format(p.fee)) : '',
    ];
    const [periods, fee] = text(this.#money);
    // One line per part ("¥537.40 × 11期", "+ ¥537.53"): a narrow card wraps before the "+" only.
    const amount = periods!.replace(/ (?!\+)/g, '\u00a0');
    // The accessible name says the currency's name (人民币, Chinese yuan): screen readers read "¥" as yen.
    const label = [
      ...text(this.#spoken),
      t.free ? m.interestFree : '',
      suggested ? m.suggested : '',
      t.reason && this.#reason(t.reason, this.#spoken),
    ]
      .filter(Boolean)
      .join(', ');
    return html`<label part="term" data-term=${t.term} class=${t.reason ? 'off' : ''}
      ><input
        type="radio"
        name="term"
        aria-label=${label}
        ?disabled=${!!t.reason}
        .value=${String(t.term)}
        @change=${() => this.#pick(v.provider.id, t.term)}
      /><span class="amount">${amount}</span
      ><small
        >${fee}${t.free ? html`<b part="badge">${v.provider.promo?.label || m.interestFree}</b>` : nothing}${
          suggested ? html`<b part="badge">${m.suggested}</b>` : nothing
        }</small
      >${t.reason ? html`<small part="reason">${this.#reason(t.reason, this.#money)}</small>` : nothing}</label
    >`;
  }

  /** Why a term is disabled, with amounts for the eye or the ear. */
  #reason(r: DisabledReason, format: (fen: Fen) => string): string {
    const m = this.#m;
    return r.kind === 'too-small' ? m.tooSmall : (r.kind === 'below-min' ? m.below : m.above)(format(r.limit));
  }

  #money = (fen: Fen) => formatFen(fen, this.#locale, this.#currencyCode);
  #spoken = (fen: Fen) => spokenMoney(fen, this.#locale, this.#currencyCode);
  /** An amount shown with its symbol, and read out with the currency's name. */
  #amount = (fen: Fen) =>
    html`<span aria-hidden="true">${this.#money(fen)}</span><span class="sr">${this.#spoken(fen)}</span>`;

  #renderSummary(q: QuoteResult, isChosen: boolean): TemplateResult {
    const m = this.#m;
    const a = this.#amount;
    return html`<section part="summary" aria-live="polite">
        <h3>${isChosen ? m.chosen : m.preview}</h3>
        <dl>
          <dt>${m.totalFee}</dt>
          <dd>${a(q.totalFee)}</dd>
          <dt>${m.totalRepayment}</dt>
          <dd>${a(q.totalRepayment)}</dd>
          <dt>${m.apr}</dt>
          <dd>${m.aprValue(q.aprNominalPct, q.aprEffectivePct)}</dd>
        </dl>
      </section>
      <details part="details" @toggle=${(e: Event) => (this.detailsOpen = (e.target as HTMLDetailsElement).open)}>
        <summary>${m.schedule}</summary>
        ${
          this.detailsOpen
            ? html`<table part="schedule">
                <tr>
                  ${[m.period, m.due, m.principal, m.fee, m.total].map((h) => html`<th scope="col">${h}</th>`)}
                </tr>
                ${q.installments.map(
                  (it) =>
                    html`<tr>
                      <td>${it.n}</td>
                      <td>${formatDate(it.dueDate, this.#locale, localToday())}</td>
                      <td>${a(it.principal)}</td>
                      <td>${a(it.fee)}</td>
                      <td>${a(it.total)}</td>
                    </tr>`,
                )}
              </table>`
            : nothing
        }
      </details>`;
  }
}
