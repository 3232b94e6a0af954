import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatFen, parseYuan, quote, type QuoteResult } from '../../shared/index.js';
import { planSelectorStyles } from './plan-selector.styles.js';

/** The terms a store offers until issue 4 brings merchant config: Huabei-style whole-term fees. */
const DEFAULT_TERMS: ReadonlyArray<{ term: number; ratePct: string }> = [
  { term: 3, ratePct: '2.3' },
  { term: 6, ratePct: '4.5' },
  { term: 12, ratePct: '7.5' },
];

interface TermOption {
  term: number;
  quote: QuoteResult;
}

/**
 * @summary The installment-plan selector a merchant puts on the product or checkout page.
 * @fires fenqi-error - The amount could not be read; detail `{ code, message }`.
 */
export class FenqiPlanSelector extends LitElement {
  static override styles = planSelectorStyles;

  /** The price in yuan as a decimal string, e.g. "5999.00". */
  @property() amount = '';

  @state() private selectedTerm: number | undefined;

  private today(): string {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  private options(principal: number): TermOption[] {
    const purchaseDate = this.today();
    return DEFAULT_TERMS.map(({ term, ratePct }) => ({
      term,
      quote: quote({ principal, term, fee: { model: 'flat-total', ratePct }, purchaseDate }),
    }));
  }

  override render() {
    const parsed = parseYuan(this.amount);
    if (!parsed.ok) {
      return html`<p class="error" part="error" role="alert">无法计算分期：${parsed.reason}</p>`;
    }
    const options = this.options(parsed.fen);
    return html`
      <fieldset part="terms">
        <legend>分期付款</legend>
        ${options.map(({ term, quote: q }) => {
          const first = q.installments[0]!;
          return html`
            <label part="term" data-term=${term}>
              <input
                type="radio"
                name="term"
                .checked=${this.selectedTerm === term}
                @change=${() => (this.selectedTerm = term)}
              />
              <span class="per-period">${formatFen(first.total)} × ${term}期</span>
              <span class="fee">${first.fee > 0 ? html`含手续费 ${formatFen(first.fee)}/期` : nothing}</span>
            </label>
          `;
        })}
      </fieldset>
    `;
  }
}
