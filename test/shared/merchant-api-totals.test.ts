// A charge is a sum: an installment near the 10^13 fen an amount may be, plus a late charge, is more than 10^13.
// A plan fenqi accepts can always be paid off, so the receipt of that payment must be read (issue 9: the bill
// panel once said "paid, not confirmed" for a ¥70-billion order two years late).
import { expect } from '@open-wc/testing';
import { DEFAULT_POLICY } from '../../shared/config.js';
import { MAX_FEN, MAX_TERM, MAX_TOTAL_FEN } from '../../shared/limits.js';
import { MerchantApiError, parseAmountChanged, parseRepaid } from '../../shared/merchant-api.js';
import type { Plan } from '../../shared/plan.js';

const plan: Plan = {
  id: 'p-big',
  orderId: 'o-big',
  product: 'A ship',
  provider: { id: 'card', name: '信用卡分期' },
  principal: MAX_FEN,
  currency: 'CNY',
  purchaseDate: '2024-01-01',
  installments: [{ n: 1, dueDate: '2024-02-01', principal: MAX_FEN, fee: MAX_FEN, paid: 0, paidDate: null }],
  autoDebit: false,
  preferredMethod: null,
  policy: DEFAULT_POLICY,
};

const receipt = (charged: number) => ({
  plan,
  repayment: { id: 'r1', installments: [1], payoff: false, charged, lateCharge: charged - 2 * MAX_FEN },
});

describe('merchant API: sums of money', () => {
  it('is the most one plan can owe with every installment late, and a safe integer', () => {
    expect(MAX_TOTAL_FEN).to.equal(2 * (MAX_TERM + 1) * MAX_FEN);
    expect(Number.isSafeInteger(MAX_TOTAL_FEN)).to.equal(true);
  });

  it('reads a receipt that charged more than 10^13 fen: principal + fee + a late charge at its cap', () => {
    const charged = 4 * MAX_FEN;
    const { repayment } = parseRepaid(receipt(charged), 'p-big');
    expect(repayment).to.include({ charged, lateCharge: 2 * MAX_FEN });
  });

  it('reads a 409 whose total is above 10^13 fen', () => {
    const refused = new MerchantApiError('amount-changed', 'changed', {
      plan,
      total: 3 * MAX_FEN,
      asOf: '2026-01-01',
    });
    expect(parseAmountChanged(refused, 'p-big').total).to.equal(3 * MAX_FEN);
  });

  it('refuses a sum above what any plan can come to', () => {
    expect(() => parseRepaid(receipt(MAX_TOTAL_FEN + 1), 'p-big')).to.throw(
      MerchantApiError,
      `repayment.charged: expected a whole number of fen from 0 to ${MAX_TOTAL_FEN}`,
    );
  });
});
