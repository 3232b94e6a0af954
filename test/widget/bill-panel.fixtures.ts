// Hand-written plans and a fake merchant adapter for the bill panel's tests. "Today" is 2025-03-10.
import { aTimeout, fixture, html, nextFrame } from '@open-wc/testing';
import type { PaymentMethod, Plan } from '../../shared/plan.js';
import '../../widget/bill-panel/bill-panel.js';
// The dialogs' chunk, loaded up front as the panel's prefetch does on a page: settle() then finds a dialog the
// click opened (the panel's own import of it resolves from the module map).
import '../../widget/bill-panel/flows.js';
import type { FenqiBillPanel, FenqiMerchantAdapter, RepaymentBody } from '../../widget/bill-panel/bill-panel.js';

export const TODAY = '2025-03-10';

export const CMB: PaymentMethod = { id: 'pm-cmb', kind: 'debit-card', label: '招商银行储蓄卡', last4: '1234' };
export const ICBC: PaymentMethod = { id: 'pm-icbc', kind: 'credit-card', label: '工商银行信用卡', last4: '8848' };
export const ALIPAY: PaymentMethod = { id: 'pm-alipay', kind: 'alipay', label: '支付宝余额' };
export const METHODS = [CMB, ICBC, ALIPAY];

const policy = { lateDailyRatePct: '0.05', graceDays: 0, unbilledFeesOnPayoff: 'charged' as const };

/** 6 × (¥1,000 + ¥45 fee), due on the 8th; 1–3 paid, 4 (2025-03-08) two days overdue. */
export function overduePlan(): Plan {
  const due = ['2024-12-08', '2025-01-08', '2025-02-08', '2025-03-08', '2025-04-08', '2025-05-08'];
  return {
    id: 'p-overdue',
    orderId: 'ORD-2401',
    product: 'Redmi K70',
    provider: { id: 'huabei', name: '花呗分期' },
    principal: 600000,
    currency: 'CNY',
    purchaseDate: '2024-11-08',
    installments: due.map((dueDate, i) => ({
      n: i + 1,
      dueDate,
      principal: 100000,
      fee: 4500,
      paid: i < 3 ? 104500 : 0,
      paidDate: i < 3 ? dueDate : null,
    })),
    autoDebit: true,
    preferredMethod: CMB,
    policy,
  };
}

/** 12 × ¥500 (no fee), first due 2025-03-13: due in 3 days; auto-debit off. */
export function soonPlan(): Plan {
  return {
    id: 'p-soon',
    orderId: 'ORD-2402',
    product: 'Xiaomi 14 Ultra',
    provider: { id: 'card', name: '信用卡分期' },
    principal: 600000,
    currency: 'CNY',
    purchaseDate: '2025-02-13',
    installments: Array.from({ length: 12 }, (_, i) => ({
      n: i + 1,
      dueDate: `${2025 + Math.floor((i + 2) / 12)}-${String(((i + 2) % 12) + 1).padStart(2, '0')}-13`,
      principal: 50000,
      fee: 0,
      paid: 0,
      paidDate: null,
    })),
    autoDebit: false,
    preferredMethod: null,
    policy,
  };
}

/** 3 × ¥99.67, all paid. */
export function paidPlan(): Plan {
  const due = ['2024-10-01', '2024-11-01', '2024-12-01'];
  return {
    id: 'p-done',
    orderId: 'ORD-2403',
    product: '小米手环 9',
    provider: { id: 'huabei', name: '花呗分期' },
    principal: 29900,
    currency: 'CNY',
    purchaseDate: '2024-09-01',
    installments: due.map((dueDate, i) => ({
      n: i + 1,
      dueDate,
      principal: i < 2 ? 9966 : 9968,
      fee: 0,
      paid: i < 2 ? 9966 : 9968,
      paidDate: dueDate,
    })),
    autoDebit: true,
    preferredMethod: CMB,
    policy,
  };
}

export interface Call {
  method: string;
  planId?: string;
  body?: unknown;
}

/** A merchant adapter whose answers each test decides; it records every call. */
export class FakeAdapter implements FenqiMerchantAdapter {
  calls: Call[] = [];
  plans: unknown[];
  methods: unknown[] = METHODS;
  repayAnswer: (planId: string, body: RepaymentBody) => Promise<unknown> = () => Promise.reject(new Error('not set'));
  methodAnswer: (planId: string, body: { methodId: string; verification?: string }) => Promise<unknown> = () =>
    Promise.reject(new Error('not set'));
  plansAnswer: (() => Promise<unknown>) | null = null;
  /** The merchant's business date in its plans answer. */
  asOf = TODAY;

  constructor(plans: unknown[] = [overduePlan(), soonPlan(), paidPlan()]) {
    this.plans = plans;
  }

  getPlans(): Promise<unknown> {
    this.calls.push({ method: 'getPlans' });
    return this.plansAnswer
      ? this.plansAnswer()
      : Promise.resolve({ plans: structuredClone(this.plans), asOf: this.asOf });
  }

  getPaymentMethods(): Promise<unknown> {
    this.calls.push({ method: 'getPaymentMethods' });
    return Promise.resolve({ paymentMethods: this.methods });
  }

  repay(planId: string, body: RepaymentBody): Promise<unknown> {
    this.calls.push({ method: 'repay', planId, body });
    return this.repayAnswer(planId, body);
  }

  setPreferredMethod(planId: string, body: { methodId: string; verification?: string }): Promise<unknown> {
    this.calls.push({ method: 'setPreferredMethod', planId, body });
    return this.methodAnswer(planId, body);
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}

/** A panel on a zh-CN page showing `adapter`'s plans on TODAY, once they are rendered. */
export async function panelWith(adapter: FakeAdapter, lang = 'zh-CN', today = TODAY): Promise<FenqiBillPanel> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}><fenqi-bill-panel .adapter=${adapter} today=${today}></fenqi-bill-panel></div>`,
  );
  const panel = wrapper.querySelector('fenqi-bill-panel')!;
  await settle(panel);
  return panel;
}

/** Lets pending promises and the element's updates finish, then a frame, which brings a dialog's close event. */
export async function settle(panel: FenqiBillPanel): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await aTimeout(0);
    await panel.updateComplete;
  }
  await nextFrame();
  await panel.updateComplete;
}

export const $ = <T extends Element = HTMLElement>(panel: FenqiBillPanel, selector: string): T =>
  panel.shadowRoot!.querySelector<T>(selector)!;
export const $$ = <T extends Element = HTMLElement>(panel: FenqiBillPanel, selector: string): T[] => [
  ...panel.shadowRoot!.querySelectorAll<T>(selector),
];
export const planItem = (panel: FenqiBillPanel, id: string) => $(panel, `li[data-plan="${id}"]`);
/** Visible text only: the screen-reader copies of amounts are left out. */
export function visibleText(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Collects the bridge messages the page posts while `run` runs. */
export async function bridgeMessages(run: () => Promise<void>): Promise<Array<{ type: string; payload: any }>> {
  const seen: Array<{ type: string; payload: any }> = [];
  const listen = (e: MessageEvent) => {
    if (e.data?.fenqi === 1) seen.push(e.data);
  };
  window.addEventListener('message', listen);
  try {
    await run();
    // Messages to one window arrive in order: once this one is back, everything posted before it is in.
    await new Promise<void>((resolve) => {
      const done = (e: MessageEvent) => {
        if (e.data !== 'fenqi-test-flush') return;
        window.removeEventListener('message', done);
        resolve();
      };
      window.addEventListener('message', done);
      window.postMessage('fenqi-test-flush', '*');
    });
  } finally {
    window.removeEventListener('message', listen);
  }
  return seen;
}
