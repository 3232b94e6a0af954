// A hand-written merchant config for the selector's tests, with no DOM (the state tests use it too). Purchase
// date 2024-01-31, so due dates exercise month-end clamping.

export const DATE = '2024-01-31';

/** Huabei-style whole-term fees with a 3-period promotion; a card with monthly fees from ¥600; 等额本金 up to ¥20,000. */
export function storeConfig() {
  return {
    currency: 'CNY',
    providers: [
      {
        id: 'huabei',
        name: '花呗分期',
        fee: { model: 'flat-total', ratePct: { '3': '2.3', '6': '4.5', '12': '7.5' } },
        terms: [3, 6, 12],
        min: '100',
        promo: { interestFreeTerms: [3] },
      },
      {
        id: 'card',
        name: '信用卡分期',
        fee: { model: 'flat-monthly', ratePct: '0.6' },
        terms: [6, 12, 24],
        min: '600',
        suggested: 12,
      },
      {
        id: 'loan',
        name: '小米分期',
        fee: { model: 'equal-principal', annualRatePct: '12' },
        terms: [6, 12],
        max: '20000',
      },
    ],
  };
}
