import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { envelope, parsePageMessage } from '../../shared/bridge.js';
import {
  MAX_GRACE_DAYS,
  MAX_ID_LENGTH,
  MAX_MESSAGE_BYTES,
  MAX_PLANS_PER_LIST,
  MAX_TERM,
  MAX_TEXT_LENGTH,
} from '../../shared/limits.js';
import { isActivePlan, PLAN_LIFECYCLE, lifecycleOf, type Plan } from '../../shared/plan.js';
import { quote } from '../../shared/quote.js';

function plan(overrides: Partial<Plan> = {}): Plan {
  return {
    id: 'plan-1',
    orderId: 'ORD-1',
    product: 'Xiaomi 14',
    provider: { id: 'huabei', name: '花呗分期' },
    principal: 1000,
    currency: 'CNY',
    purchaseDate: '2024-01-31',
    installments: [
      { n: 1, dueDate: '2024-02-29', principal: 333, fee: 10, paid: 343, paidDate: '2024-02-28' },
      { n: 2, dueDate: '2024-03-31', principal: 333, fee: 10, paid: 0, paidDate: null },
      { n: 3, dueDate: '2024-04-30', principal: 334, fee: 10, paid: 0, paidDate: null },
    ],
    autoDebit: true,
    preferredMethod: { id: 'pm-1', kind: 'debit-card', label: '招商银行储蓄卡', last4: '1234' },
    policy: { lateDailyRatePct: '0.05', graceDays: 0, unbilledFeesOnPayoff: 'charged' },
    ...overrides,
  };
}

function reason(data: unknown): string {
  const parsed = parsePageMessage(data);
  expect(parsed.ok, 'refused').to.equal(false);
  return parsed.ok ? '' : parsed.reason;
}

describe('bridge: page messages', () => {
  it('accepts a well-formed plans message and returns a clean copy', () => {
    const sent = envelope('plans', { plans: [plan()] });
    const parsed = parsePageMessage(sent);
    expect(parsed.ok).to.equal(true);
    if (parsed.ok) expect(parsed.value).to.deep.equal(sent);
  });

  it("carries the store's name with its plans: text of 1–200 characters, or none", () => {
    const named = envelope('plans', { plans: [plan()], store: '示例商城' });
    const parsed = parsePageMessage(named);
    expect(parsed.ok && parsed.value).to.deep.equal(named);
    expect(reason(envelope('plans', { plans: [], store: '' }))).to.equal('payload.store: expected 1–200 characters');
    expect(reason(envelope('plans', { plans: [], store: 'x'.repeat(201) }))).to.equal(
      'payload.store: expected 1–200 characters',
    );
    expect(reason({ fenqi: 1, type: 'plans', payload: { plans: [], store: ['示例商城'] } })).to.equal(
      'payload.store: expected a string',
    );
  });

  it('drops keys it does not know, including a page-claimed origin', () => {
    const sneaky = { ...plan(), origin: 'https://bank.example', extra: 1 };
    const parsed = parsePageMessage({ fenqi: 1, type: 'repaid', payload: { plan: sneaky } });
    expect(parsed.ok).to.equal(true);
    if (parsed.ok && parsed.value.type === 'repaid') {
      expect(parsed.value.payload.plan).to.not.have.property('origin');
      expect(parsed.value.payload.plan).to.not.have.property('extra');
    }
  });

  it('refuses other versions, unknown types and the extension’s own replies', () => {
    expect(reason({ fenqi: 2, type: 'hello', payload: { widget: 'selector' } })).to.match(/^fenqi/);
    expect(reason({ fenqi: 1, type: 'steal', payload: {} })).to.match(/^type/);
    expect(reason({ fenqi: 1, type: 'present', payload: { version: 1 } })).to.match(/^type/);
    expect(reason({ fenqi: 1, type: 'ack', payload: { of: 'plans', ok: true } })).to.match(/^type/);
  });

  it('names the field that is wrong', () => {
    const bad = plan();
    bad.installments[1]!.dueDate = '2023-02-29';
    expect(reason(envelope('plans', { plans: [bad] }))).to.equal(
      'payload.plans[0].installments[1].dueDate: expected a calendar date YYYY-MM-DD',
    );
  });

  it('refuses amounts that are not whole fen, and paying more than was due', () => {
    const fractional = plan();
    fractional.installments[0]!.fee = 10.5;
    expect(reason(envelope('repaid', { plan: fractional }))).to.match(/installments\[0\]\.fee/);
    const overpaid = plan();
    overpaid.installments[1]!.paid = 344;
    overpaid.installments[1]!.paidDate = '2024-03-30';
    expect(reason(envelope('repaid', { plan: overpaid }))).to.match(/paid more than was due/);
  });

  it('refuses plans whose periods do not add up or go back in time', () => {
    expect(reason(envelope('repaid', { plan: plan({ principal: 1001 }) }))).to.match(/do not add up/);
    const backwards = plan();
    backwards.installments[2]!.dueDate = '2024-03-01';
    expect(reason(envelope('repaid', { plan: backwards }))).to.match(/due dates must increase/);
  });

  it('refuses full card numbers where only the last four digits belong', () => {
    const leaky = plan({
      preferredMethod: { id: 'pm', kind: 'credit-card', label: 'Visa', last4: '4111111111111111' },
    });
    expect(reason(envelope('method-changed', { plan: leaky }))).to.match(/last4/);
  });

  it('enforces the count and size limits', function () {
    this.timeout(60_000);
    const many = Array.from({ length: MAX_PLANS_PER_LIST + 1 }, (_, i) => plan({ id: `p${i}` }));
    expect(reason(envelope('plans', { plans: many }))).to.match(/at most 200 plans/);
    const repeated = [plan(), plan()];
    expect(reason(envelope('plans', { plans: repeated }))).to.match(/ids repeat/);
    const huge = plan({ product: 'x'.repeat(MAX_MESSAGE_BYTES) });
    expect(reason(envelope('repaid', { plan: huge }))).to.match(/^message: larger than/);
    const long = plan({ product: '分'.repeat(MAX_TEXT_LENGTH + 1) });
    expect(reason(envelope('repaid', { plan: long }))).to.match(/product/);
  });

  it('carries every list the merchant API allows: 110 plans × 24, 9 × 360, and 200 × 360 at their longest', function () {
    this.timeout(120_000);
    /** A plan of `term` installments with every text and id at its longest and amounts near the largest. */
    const big = (i: number, term: number, text = '\u00a0'.repeat(MAX_TEXT_LENGTH)): Plan => {
      const each = 27_000_000_000;
      return plan({
        id: `${i}`.padStart(MAX_ID_LENGTH, '分'),
        orderId: '订'.repeat(MAX_ID_LENGTH),
        product: text,
        provider: { id: '商'.repeat(MAX_ID_LENGTH), name: text },
        principal: each * term,
        installments: Array.from({ length: term }, (_, k) => ({
          n: k + 1,
          dueDate: `${2030 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-28`,
          principal: each,
          fee: each,
          paid: each * 2,
          paidDate: `${2030 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-27`,
        })),
        preferredMethod: { id: '卡'.repeat(MAX_ID_LENGTH), kind: 'debit-card', label: text, last4: '1234' },
        purchaseDate: '2029-12-01',
      });
    };
    for (const [count, term] of [
      [110, 24],
      [9, MAX_TERM],
      [MAX_PLANS_PER_LIST, MAX_TERM],
    ] as const) {
      const message = envelope('plans', { plans: Array.from({ length: count }, (_, i) => big(i, term)) });
      const parsed = parsePageMessage(message);
      expect(parsed.ok, `${count} × ${term}: ${parsed.ok ? '' : parsed.reason}`).to.equal(true);
      const bytes = new TextEncoder().encode(JSON.stringify(message)).length;
      expect(bytes, `${count} × ${term}`).to.be.at.most(MAX_MESSAGE_BYTES);
    }
  });

  it('never throws and never accepts junk (10,000 random messages)', () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.record({
        fenqi: fc.constant(1),
        type: fc.constantFrom('hello', 'plans', 'repaid', 'method-changed'),
        payload: fc.anything(),
      }),
    );
    fc.assert(
      fc.property(junk, (data) => {
        const parsed = parsePageMessage(data);
        return (
          !parsed.ok ||
          (parsed.value.type === 'hello' && (data as { payload: { widget: string } }).payload.widget !== undefined)
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it('refuses cyclic messages without throwing', () => {
    const cyclic: Record<string, unknown> = { fenqi: 1, type: 'plans' };
    cyclic.payload = cyclic;
    expect(reason(cyclic)).to.match(/not serialisable/);
  });
});

describe('bridge: what the domain code must be able to use', () => {
  it('keeps the fee an early payoff waived', () => {
    const settled = plan();
    settled.installments[2] = {
      n: 3,
      dueDate: '2024-04-30',
      principal: 334,
      fee: 0,
      feeWaived: 10,
      paid: 334,
      paidDate: '2024-03-01',
    };
    const parsed = parsePageMessage(envelope('repaid', { plan: settled }));
    expect(
      parsed.ok && parsed.value.type === 'repaid' && parsed.value.payload.plan.installments[2]!.feeWaived,
    ).to.equal(10);
  });

  it('refuses late-charge rates the domain code would reject', () => {
    const policy = { lateDailyRatePct: '150', graceDays: 0, unbilledFeesOnPayoff: 'charged' as const };
    expect(reason(envelope('repaid', { plan: plan({ policy }) }))).to.match(/lateDailyRatePct: must be at most 100/);
    expect(reason(envelope('repaid', { plan: plan({ policy: { ...policy, lateDailyRatePct: '1e-3' } }) }))).to.match(
      /lateDailyRatePct/,
    );
  });

  it('accepts every plan a merchant config can produce, and the same grace limit', () => {
    const q = quote({
      principal: 3600000,
      term: MAX_TERM,
      fee: { model: 'interest-free' },
      purchaseDate: '2024-01-31',
    });
    const installments = q.installments.map((i) => ({ ...i, paid: 0, paidDate: null }));
    const long = plan({ principal: 3600000, installments });
    expect(parsePageMessage(envelope('repaid', { plan: long })).ok).to.equal(true);
    const graceful = plan({ policy: { ...plan().policy, graceDays: MAX_GRACE_DAYS } });
    expect(parsePageMessage(envelope('repaid', { plan: graceful })).ok).to.equal(true);
    const tooGraceful = plan({ policy: { ...plan().policy, graceDays: MAX_GRACE_DAYS + 1 } });
    expect(reason(envelope('repaid', { plan: tooGraceful }))).to.match(/graceDays/);
  });
});

describe('bridge: a plan’s status (issue 15)', () => {
  const repaid = (p: unknown) => parsePageMessage({ fenqi: 1, type: 'repaid', payload: { plan: p } });
  const parsedPlan = (p: unknown) => {
    const parsed = repaid(p);
    return parsed.ok && parsed.value.type === 'repaid' ? parsed.value.payload.plan : null;
  };

  it('reads an announcement without a status as an active plan, unchanged', () => {
    const old = plan();
    const read = parsedPlan(old)!;
    expect(read).to.deep.equal(old);
    expect(read).to.not.have.property('status');
    expect(lifecycleOf(read)).to.equal('active');
    expect(isActivePlan(read)).to.equal(true);
  });

  it('keeps each status, and the reason of a rejected or cancelled plan', () => {
    for (const status of PLAN_LIFECYCLE) {
      const read = parsedPlan(plan({ status }))!;
      expect(lifecycleOf(read), status).to.equal(status);
      expect(isActivePlan(read), status).to.equal(status === 'active');
    }
    const rejected = parsedPlan(plan({ status: 'rejected', statusReason: '超出花呗分期可用额度' }))!;
    expect(rejected.statusReason).to.equal('超出花呗分期可用额度');
    expect(parsedPlan(plan({ status: 'cancelled', statusReason: '订单已取消' }))!.statusReason).to.equal('订单已取消');
  });

  it('refuses an unknown status, a reason on a plan that has none, and an empty or overlong reason', () => {
    expect(reason(envelope('repaid', { plan: { ...plan(), status: 'approved' } as unknown as Plan }))).to.match(
      /plan\.status: expected 'under-review'/,
    );
    expect(reason(envelope('repaid', { plan: { ...plan(), status: 'paid-off' } as unknown as Plan }))).to.match(
      /plan\.status/,
    );
    expect(reason(envelope('repaid', { plan: plan({ status: 'active', statusReason: 'x' }) }))).to.match(
      /statusReason: only a rejected or cancelled plan has a reason/,
    );
    expect(reason(envelope('repaid', { plan: plan({ statusReason: 'x' }) }))).to.match(/statusReason/);
    expect(reason(envelope('repaid', { plan: plan({ status: 'rejected', statusReason: '' }) }))).to.match(
      /statusReason: expected 1–200 characters/,
    );
    const long = 'x'.repeat(MAX_TEXT_LENGTH + 1);
    expect(reason(envelope('repaid', { plan: plan({ status: 'rejected', statusReason: long }) }))).to.match(
      /statusReason/,
    );
  });
});
