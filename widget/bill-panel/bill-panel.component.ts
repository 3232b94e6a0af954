import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { announcedPlan } from '../../shared/bridge.js';
import { formatFen } from '../../shared/money.js';
import type { Plan } from '../../shared/plan.js';
import { announce } from '../internal/bridge.js';

type Load = { state: 'loading' } | { state: 'ready'; plans: Plan[] } | { state: 'error'; message: string };

/**
 * @summary The shopper's installment plans at this store (我的分期), from the merchant's API.
 * @fires fenqi-error - The plans could not be loaded; detail `{ code, message }`.
 */
export class FenqiBillPanel extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: inherit;
    }
    li {
      padding-block: 0.5rem;
    }
  `;

  /** Base URL of the merchant API (GET {api}/plans). */
  @property() api = '';

  @state() private load: Load = { state: 'loading' };

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    this.load = { state: 'loading' };
    try {
      const response = await fetch(`${this.api.replace(/\/$/, '')}/plans`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`the store answered ${response.status}`);
      const body = (await response.json()) as { plans?: unknown };
      const list = Array.isArray(body.plans) ? body.plans : [];
      // The same checks the extension applies: a plan the bridge would refuse is not shown either.
      const plans = list.map((p, i) => ({ ...announcedPlan(p, `plans[${i}]`), origin: location.origin }));
      this.load = { state: 'ready', plans };
      announce('hello', { widget: 'bill-panel' });
      announce('plans', { plans: plans.map(({ origin: _origin, ...plan }) => plan) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.load = { state: 'error', message };
      console.error(`fenqi: could not load plans: ${message}`);
      this.dispatchEvent(
        new CustomEvent('fenqi-error', { bubbles: true, composed: true, detail: { code: 'plans-unavailable', message } }),
      );
    }
  }

  override render() {
    switch (this.load.state) {
      case 'loading':
        return html`<p role="status">正在加载分期账单…</p>`;
      case 'error':
        return html`<p role="alert">分期账单加载失败：${this.load.message}</p>`;
      case 'ready':
        return html`<ul part="plans">
          ${this.load.plans.map((plan) => {
            const next = plan.installments.find((it) => it.paid < it.principal + it.fee);
            const paid = plan.installments.filter((it) => it.paid >= it.principal + it.fee).length;
            return html`<li part="plan" data-plan=${plan.id}>
              <strong>${plan.product}</strong> · ${plan.provider.name} · ${paid}/${plan.installments.length}期
              ${next ? html` · 下期 ${next.dueDate} 应还 ${formatFen(next.principal + next.fee - next.paid)}` : html` · 已还清`}
            </li>`;
          })}
        </ul>`;
    }
  }
}
