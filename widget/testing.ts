/**
 * The package's `fenqi/testing` entry: what a merchant's own component tests (web-test-runner, Playwright,
 * Vitest in a browser) need to render `<fenqi-bill-panel>` and `<fenqi-plan-selector>` deterministically: a
 * scripted fake merchant backend, fixture plans in every state on a fixed business date, and helpers that wait
 * for a component to be ready and choose a plan the way a shopper does. Nothing runs on import and nothing
 * touches the DOM until a helper is called, so importing it on a server is safe too.
 */
import { applyRepayment, RepaymentError, type RepaymentRequest } from '../shared/bill-state.js';
import { amountDue } from '../shared/amount-due.js';
import { formatFen } from '../shared/format.js';
import type { FenqiMerchantAdapter, PreferredMethodBody, RepaymentBody } from '../shared/merchant-api.js';
import type { IsoDate, PaymentMethod, Plan } from '../shared/plan.js';

/** The business date of the fixtures: the fake merchant's `asOf` unless told otherwise. */
export const FIXTURE_AS_OF: IsoDate = '2026-03-10';

export const CMB: PaymentMethod = { id: 'pm-cmb', kind: 'debit-card', label: '招商银行储蓄卡', last4: '1234' };
export const ICBC: PaymentMethod = { id: 'pm-icbc', kind: 'credit-card', label: '工商银行信用卡', last4: '8848' };
export const ALIPAY: PaymentMethod = { id: 'pm-alipay', kind: 'alipay', label: '支付宝余额' };
/** A card the fake merchant declines (`payment-declined`), so a test can take the failure path. */
export const DECLINED_CARD: PaymentMethod = {
  id: 'pm-declined',
  kind: 'debit-card',
  label: '中国银行储蓄卡（余额不足）',
  last4: '0000',
};
export const FIXTURE_METHODS: readonly PaymentMethod[] = [CMB, ICBC, ALIPAY, DECLINED_CARD];

/** The code the fake merchant's verification challenge accepts unless told otherwise. */
export const FIXTURE_CODE = '246810';

/** `YYYY-MM-DD` `months` after `date` (day kept: the fixtures use days ≤ 28). */
function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface FixtureSpec {
  id: string;
  product: string;
  provider: Plan['provider'];
  firstDue: IsoDate;
  periods: number;
  principal: number;
  fee: number;
  /** Installments fully paid (each on its due date), then how much of the next one. */
  paidPeriods: number;
  partly?: number;
  autoDebit?: boolean;
  preferredMethod?: PaymentMethod | null;
  unbilledFeesOnPayoff?: Plan['policy']['unbilledFeesOnPayoff'];
  graceDays?: number;
}

function fixture(spec: FixtureSpec): Plan {
  const each = Math.floor(spec.principal / spec.periods);
  const installments = Array.from({ length: spec.periods }, (_, i) => {
    const principal = i === spec.periods - 1 ? spec.principal - each * (spec.periods - 1) : each;
    const dueDate = addMonths(spec.firstDue, i);
    const paid = i < spec.paidPeriods ? principal + spec.fee : i === spec.paidPeriods ? (spec.partly ?? 0) : 0;
    return { n: i + 1, dueDate, principal, fee: spec.fee, paid, paidDate: paid > 0 ? addMonths(dueDate, 0) : null };
  });
  return {
    id: spec.id,
    orderId: `ORD-${spec.id}`,
    product: spec.product,
    provider: spec.provider,
    principal: spec.principal,
    currency: 'CNY',
    purchaseDate: addMonths(spec.firstDue, -1),
    installments,
    autoDebit: spec.autoDebit ?? true,
    preferredMethod: spec.preferredMethod === undefined ? CMB : spec.preferredMethod,
    policy: {
      lateDailyRatePct: '0.05',
      graceDays: spec.graceDays ?? 0,
      unbilledFeesOnPayoff: spec.unbilledFeesOnPayoff ?? 'charged',
    },
  };
}

const HUABEI = { id: 'huabei', name: '花呗分期' };
const CARD = { id: 'card', name: '信用卡分期' };

/**
 * Plans in every state on {@link FIXTURE_AS_OF} (2026-03-10), fresh copies on each call, keyed by state:
 * overdue (2 days, a late charge), due today, due soon (in 3 days), upcoming, partly paid (and overdue), paid
 * off, and one whose early payoff waives the fees not yet due with auto-debit off and no method chosen.
 */
export function fixturePlans() {
  return {
    overdue: fixture({
      id: 'plan-overdue',
      product: 'Redmi K70',
      provider: HUABEI,
      firstDue: '2025-12-08',
      periods: 6,
      principal: 600000,
      fee: 4500,
      paidPeriods: 3,
    }),
    dueToday: fixture({
      id: 'plan-due-today',
      product: '小米手环 9',
      provider: HUABEI,
      firstDue: '2026-02-10',
      periods: 3,
      principal: 29900,
      fee: 0,
      paidPeriods: 1,
    }),
    dueSoon: fixture({
      id: 'plan-due-soon',
      product: 'Xiaomi 14 Ultra',
      provider: CARD,
      firstDue: '2026-03-13',
      periods: 12,
      principal: 649900,
      fee: 3250,
      paidPeriods: 0,
      graceDays: 3,
    }),
    upcoming: fixture({
      id: 'plan-upcoming',
      product: 'Redmi Pad Pro',
      provider: HUABEI,
      firstDue: '2026-03-25',
      periods: 6,
      principal: 159900,
      fee: 720,
      paidPeriods: 0,
    }),
    partlyPaid: fixture({
      id: 'plan-partly-paid',
      product: '米家空气净化器 4',
      provider: CARD,
      firstDue: '2026-01-05',
      periods: 3,
      principal: 89900,
      fee: 600,
      paidPeriods: 2,
      partly: 10000,
    }),
    paidOff: fixture({
      id: 'plan-paid-off',
      product: 'Redmi Buds 5',
      provider: HUABEI,
      firstDue: '2025-09-01',
      periods: 3,
      principal: 19900,
      fee: 0,
      paidPeriods: 3,
    }),
    waivedOnPayoff: fixture({
      id: 'plan-waived-on-payoff',
      product: 'Xiaomi Pad 6S Pro',
      provider: CARD,
      firstDue: '2026-02-20',
      periods: 12,
      principal: 319900,
      fee: 1900,
      paidPeriods: 1,
      autoDebit: false,
      preferredMethod: null,
      unbilledFeesOnPayoff: 'waived',
    }),
  } satisfies Record<string, Plan>;
}

/** A refusal as the merchant API sends it: the panel shows its own words for known codes, else the message. */
export interface FakeRefusal {
  code: string;
  message: string;
  /** With `wrong-code`: how many wrong codes the shopper may still enter. */
  attemptsLeft?: number;
  /** With `verification-locked` or `too-many-codes`: seconds until the shopper may ask for a code again. */
  retryAfter?: number;
}

/**
 * Something a fake merchant's route does on its next call instead of answering normally:
 * - a refusal `{ code, message }`: nothing changes (a 4xx; a 5xx is `{ code: 'server-error', … }`);
 * - `'network'`: the request never reached the merchant: nothing changes, the call fails as `fetch()` does;
 * - `'lost-answer'`: the merchant did it (a repayment is booked), then the connection dropped before the answer;
 * - `'no-answer'`: the merchant did it and never answers: only the panel's own `timeout` ends the wait.
 */
export type FakeFailure = FakeRefusal | 'network' | 'lost-answer' | 'no-answer';

export type FakeRoute = 'getPlans' | 'getPaymentMethods' | 'repay' | 'setPreferredMethod';

export interface FakeMerchantOptions {
  /** The shopper's plans (default: every {@link fixturePlans} plan, overdue first). */
  plans?: Plan[];
  /** The methods the shopper can pay with (default {@link FIXTURE_METHODS}). */
  paymentMethods?: PaymentMethod[];
  /** The merchant's business date, the `asOf` it answers with and charges at (default {@link FIXTURE_AS_OF}). */
  asOf?: IsoDate;
  /** Method ids whose payments are declined (default: {@link DECLINED_CARD}'s). */
  declinedMethods?: string[];
  /**
   * Ask for proof before changing a preferred method: `{ kind, code }` (default an SMS code
   * {@link FIXTURE_CODE}), or `null` to change it straight away.
   */
  verification?: { kind: 'sms' | 'password'; code: string; hint?: string; resendAfter?: number } | null;
  /** Every answer comes this many milliseconds later (default 0), to show loading states. */
  latencyMs?: number;
}

export interface FakeCall {
  route: FakeRoute;
  planId?: string;
  body?: unknown;
}

/**
 * A merchant backend in memory that behaves like the demo store: plans and methods, repayments charged by the
 * same `applyRepayment()` the server uses (a confirmed total that is not what is owed is refused with the 409
 * `amount-changed` body, nothing charged), a retried `requestId` answered with its first receipt, a declined
 * card, a verification challenge before a method change, latency, and failures scripted per route. Set it as
 * the panel's `adapter`. `calls` records every call; `plans` is the state after them.
 */
export class FakeMerchant implements FenqiMerchantAdapter {
  plans: Plan[];
  paymentMethods: PaymentMethod[];
  asOf: IsoDate;
  declinedMethods: string[];
  verification: FakeMerchantOptions['verification'];
  latencyMs: number;
  readonly calls: FakeCall[] = [];
  readonly #failures = new Map<FakeRoute, FakeFailure[]>();
  readonly #holds = new Map<FakeRoute, Promise<void>[]>();
  readonly #receipts = new Map<string, { body: string; answer: unknown }>();
  /** The method change a code was asked for, per plan. */
  readonly #pending = new Map<string, string>();
  #repayments = 0;

  constructor(options: FakeMerchantOptions = {}) {
    this.plans = structuredClone(options.plans ?? Object.values(fixturePlans()));
    this.paymentMethods = structuredClone(options.paymentMethods ?? [...FIXTURE_METHODS]);
    this.asOf = options.asOf ?? FIXTURE_AS_OF;
    this.declinedMethods = options.declinedMethods ?? [DECLINED_CARD.id];
    this.verification = options.verification === undefined ? { kind: 'sms', code: FIXTURE_CODE } : options.verification;
    this.latencyMs = options.latencyMs ?? 0;
  }

  /** The next calls of `route` fail, in order: a refusal (`{ code, message }`) or `'network'` (no answer). */
  failNext(route: FakeRoute, ...failures: FakeFailure[]): this {
    this.#failures.set(route, [...(this.#failures.get(route) ?? []), ...failures]);
    return this;
  }

  /**
   * Holds the next call of `route` until the returned function is called: the call is recorded at once, and the
   * merchant acts and answers only then. For a loading or "正在还款…" state, a double press, or a dialog closed
   * while its request is out, without guessing a latency.
   */
  holdNext(route: FakeRoute): () => void {
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    this.#holds.set(route, [...(this.#holds.get(route) ?? []), held]);
    return release;
  }

  /** How many times `route` was called. */
  count(route: FakeRoute): number {
    return this.calls.filter((c) => c.route === route).length;
  }

  getPlans(): Promise<unknown> {
    return this.#answer({ route: 'getPlans' }, () => ({ plans: structuredClone(this.plans), asOf: this.asOf }));
  }

  getPaymentMethods(): Promise<unknown> {
    return this.#answer({ route: 'getPaymentMethods' }, () => ({
      paymentMethods: structuredClone(this.paymentMethods),
    }));
  }

  repay(planId: string, body: RepaymentBody): Promise<unknown> {
    return this.#answer({ route: 'repay', planId, body: structuredClone(body) }, () => {
      const plan = this.#plan(planId);
      this.#method(body.methodId);
      const key = `${planId}\n${body.requestId}`;
      const earlier = this.#receipts.get(key);
      if (earlier) {
        if (earlier.body !== JSON.stringify(body))
          refuse('request-id-reused', 'That requestId was used for another repayment');
        return structuredClone(earlier.answer);
      }
      const request: RepaymentRequest =
        'installments' in body ? { installments: body.installments } : { payoff: true as const };
      let result;
      try {
        result = applyRepayment(plan, request, this.asOf);
      } catch (error) {
        if (error instanceof RepaymentError) refuse(error.code, error.message);
        throw error;
      }
      if (result.charged !== body.expectedTotal) {
        const total = amountDue(plan, request, this.asOf).total;
        throw {
          error: {
            code: 'amount-changed',
            message: `The amount due is now ${formatFen(total)}, not ${formatFen(body.expectedTotal)}; nothing was charged`,
          },
          plan: structuredClone(plan),
          expectedTotal: body.expectedTotal,
          total,
          asOf: this.asOf,
        };
      }
      if (this.declinedMethods.includes(body.methodId)) refuse('payment-declined', '支付被拒绝：余额不足');
      this.#replace(result.plan);
      const answer = {
        plan: structuredClone(result.plan),
        repayment: {
          id: `rp-${++this.#repayments}`,
          installments: result.settled,
          payoff: 'payoff' in request,
          charged: result.charged,
          lateCharge: result.lateCharge,
          waivedFee: result.waivedFee,
          methodId: body.methodId,
          date: this.asOf,
        },
      };
      this.#receipts.set(key, { body: JSON.stringify(body), answer: structuredClone(answer) });
      return answer;
    });
  }

  setPreferredMethod(planId: string, body: PreferredMethodBody): Promise<unknown> {
    return this.#answer({ route: 'setPreferredMethod', planId, body: structuredClone(body) }, () => {
      const plan = this.#plan(planId);
      const method = this.#method(body.methodId);
      if (plan.preferredMethod?.id === method.id) return { plan: structuredClone(plan) };
      const proof = this.verification;
      if (proof) {
        if (body.verification === undefined) {
          this.#pending.set(planId, method.id);
          const hint = proof.hint ?? (proof.kind === 'sms' ? '验证码已发送至 138****8000' : '请输入支付密码');
          // The challenge is an answer, not a refusal: the REST route sends it with status 409.
          return {
            verification: proof.kind,
            hint,
            ...(proof.resendAfter === undefined ? {} : { resendAfter: proof.resendAfter }),
          };
        }
        if (this.#pending.get(planId) !== method.id)
          refuse('verification-expired', 'No code is waiting for this change; ask for a new one');
        if (body.verification !== proof.code) refuse('wrong-code', 'The verification code is wrong');
        this.#pending.delete(planId);
      }
      const updated = { ...plan, preferredMethod: method };
      this.#replace(updated);
      return { plan: structuredClone(updated) };
    });
  }

  #plan(id: string): Plan {
    const plan = this.plans.find((p) => p.id === id);
    if (!plan) refuse('unknown-plan', `There is no plan ${id}`);
    return plan;
  }

  #method(id: string): PaymentMethod {
    const method = this.paymentMethods.find((m) => m.id === id);
    if (!method) refuse('unknown-method', `There is no payment method ${id}`);
    return method;
  }

  #replace(plan: Plan): void {
    this.plans = this.plans.map((p) => (p.id === plan.id ? plan : p));
  }

  async #answer(call: FakeCall, work: () => unknown): Promise<unknown> {
    this.calls.push(call);
    const failure = this.#failures.get(call.route)?.shift();
    const held = this.#holds.get(call.route)?.shift();
    if (held) await held;
    if (this.latencyMs > 0) await new Promise((done) => setTimeout(done, this.latencyMs));
    if (failure === 'network') throw new TypeError('Failed to fetch');
    if (failure === 'lost-answer' || failure === 'no-answer') {
      // The merchant acts (a refusal of its own is lost as well), and the answer never arrives.
      try {
        work();
      } catch {
        // (lost with the connection)
      }
      if (failure === 'no-answer') return new Promise(() => {});
      throw new TypeError('Failed to fetch');
    }
    if (failure) throw { error: { ...failure } };
    // Refusals are thrown as the REST route's body, `{ error: { code, message } }` (with more for a 409).
    return work();
  }
}

function refuse(code: string, message: string): never {
  throw { error: { code, message } };
}

interface Component extends HTMLElement {
  updateComplete: Promise<unknown>;
}

/**
 * Resolves with what `find()` returns once it returns something (not `null`, `undefined` or `false`), checking
 * after each update of `element` (a fenqi component) and each animation frame; rejects after `timeout` ms,
 * naming `what`. For what a shopper waits for: a dialog opening (the panel's dialogs arrive in a chunk of their
 * own), a result, a message. `find` may be checked several times; it should only read.
 */
export async function waitFor<T>(
  element: Element,
  find: () => T | null | undefined | false,
  { timeout = 5000, what = 'the expected state' }: { timeout?: number; what?: string } = {},
): Promise<T> {
  const component = element as Component;
  const until = Date.now() + timeout;
  for (;;) {
    await component.updateComplete;
    const found = find();
    if (found !== null && found !== undefined && found !== false) return found;
    if (Date.now() > until) throw new Error(`<${element.localName}>: waited ${timeout} ms for ${what} in vain`);
    // The next answer from the adapter or the config lands between frames; a hidden tab gets no frames, so
    // a task too.
    await Promise.race([
      new Promise((done) => requestAnimationFrame(done)),
      new Promise((done) => setTimeout(done, 16)),
    ]);
  }
}

/**
 * Resolves once `element` (a `<fenqi-bill-panel>` or `<fenqi-plan-selector>`) shows its content or its error
 * state, checking after each of its updates and each animation frame; rejects after `timeout` ms. Resolves
 * with `'ready'` or `'error'`.
 */
export function whenReady(element: Element, { timeout = 5000 } = {}): Promise<'ready' | 'error'> {
  const state = (): 'ready' | 'error' | null => {
    const root = element.shadowRoot;
    if (!root) return null;
    if (root.querySelector('[part~="loading"], [part~="status"][role="status"]')) return null;
    // (The bill panel's deep-link notice, `.notice`, is a message on a ready panel, not its error state.)
    if (root.querySelector('[part~="error"]:not(.notice)')) return 'error';
    if (root.querySelector('[part~="plans"], [part~="empty"], [part~="terms"], [part~="status"]')) return 'ready';
    return null;
  };
  return waitFor(element, state, { timeout, what: 'its content or its error state' });
}

/**
 * Chooses a plan in a ready `<fenqi-plan-selector>` the way a shopper does (clicking the provider, then the
 * term) and resolves with the `fenqi-plan-change` detail of the last click (`null` if a term was already
 * chosen and nothing changed). `provider` is the provider's id (`huabei`) or its name (`花呗分期`).
 */
export async function choosePlan(
  selector: Element,
  { provider, term }: { provider?: string; term: number },
): Promise<{ value: string; provider: string; term: number | null } | null> {
  const component = selector as Component;
  await whenReady(component);
  const root = component.shadowRoot!;
  let detail: { value: string; provider: string; term: number | null } | null = null;
  const listen = (event: Event) => {
    detail = (event as CustomEvent).detail;
  };
  component.addEventListener('fenqi-plan-change', listen);
  try {
    if (provider !== undefined) {
      const choices = [...root.querySelectorAll<HTMLElement>('[part~="provider"]')];
      const choice = choices.find(
        (c) => c.querySelector('input')?.value === provider || c.textContent?.trim() === provider,
      );
      if (!choice) throw new Error(`no provider ${provider} (have: ${choices.map((c) => c.textContent?.trim())})`);
      choice.querySelector('input')!.click();
      await component.updateComplete;
    }
    const card = root.querySelector<HTMLElement>(`[part~="term"][data-term="${term}"]`);
    const input = card?.querySelector('input');
    if (!input) throw new Error(`no term ${term} for this provider`);
    if (input.disabled) throw new Error(`term ${term} cannot be chosen: ${card!.textContent?.trim()}`);
    input.click();
    await component.updateComplete;
  } finally {
    component.removeEventListener('fenqi-plan-change', listen);
  }
  return detail;
}
