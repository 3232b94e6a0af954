import type { Translations } from '../internal/locale.js';

/** Every string <fenqi-plan-selector> shows. Amounts arrive already formatted for the locale. */
export interface PlanSelectorMessages {
  providers: string;
  terms: string;
  /** "12期" */
  term: (n: number) => string;
  /** "¥508.24 × 12期": the level amount of each period. */
  perPeriod: (amount: string, n: number) => string;
  /** Plans whose periods differ (等额本金): the first period's amount. */
  firstPeriod: (amount: string, n: number) => string;
  feePerPeriod: (amount: string) => string;
  interestFree: string;
  suggested: string;
  /** Reason a term cannot be chosen. */
  below: (min: string) => string;
  above: (max: string) => string;
  tooSmall: string;
  chosen: string;
  preview: string;
  totalFee: string;
  totalRepayment: string;
  apr: string;
  aprValue: (nominal: string, compound: string) => string;
  schedule: string;
  period: string;
  due: string;
  principal: string;
  fee: string;
  total: string;
  loading: string;
  unavailable: string;
  retry: string;
  none: string;
  required: string;
}

export const messages: Translations<PlanSelectorMessages> = {
  en: {
    providers: 'Pay in installments with',
    terms: 'Number of installments',
    term: (n) => (n === 1 ? '1 month' : `${n} months`),
    perPeriod: (a, n) => `${a} × ${n}`,
    firstPeriod: (a, n) => `${a} first, ${n} payments`,
    feePerPeriod: (a) => `incl. ${a} fee / month`,
    interestFree: 'Interest-free',
    suggested: 'Suggested',
    below: (min) => `From ${min}`,
    above: (max) => `Up to ${max}`,
    tooSmall: 'Amount too small',
    chosen: 'Your plan',
    preview: 'Suggested plan',
    totalFee: 'Total fees',
    totalRepayment: 'Total to repay',
    apr: 'Annual rate (APR)',
    aprValue: (n, c) => `${n}% (compound ${c}%)`,
    schedule: 'Repayment schedule',
    period: 'No.',
    due: 'Due',
    principal: 'Principal',
    fee: 'Fee',
    total: 'Total',
    loading: 'Loading installment plans…',
    unavailable: 'Installments are not available right now.',
    retry: 'Try again',
    none: 'No installment plan is available for this amount.',
    required: 'Please choose an installment plan.',
  },
  'zh-CN': {
    providers: '分期方式',
    terms: '分期期数',
    term: (n) => `${n}期`,
    perPeriod: (a, n) => `${a} × ${n}期`,
    firstPeriod: (a, n) => `首期 ${a}，共${n}期`,
    feePerPeriod: (a) => `含手续费 ${a}/期`,
    interestFree: '免息',
    suggested: '推荐',
    below: (min) => `满${min}可用`,
    above: (max) => `限${max}以内`,
    tooSmall: '金额过低',
    chosen: '已选方案',
    preview: '推荐方案',
    totalFee: '手续费总额',
    totalRepayment: '总还款',
    apr: '年化利率',
    aprValue: (n, c) => `${n}%（复利 ${c}%）`,
    schedule: '还款计划',
    period: '期数',
    due: '还款日',
    principal: '本金',
    fee: '手续费',
    total: '应还',
    loading: '正在加载分期方案…',
    unavailable: '暂时无法提供分期付款。',
    retry: '重试',
    none: '此金额暂无可用的分期方案。',
    required: '请选择分期方案。',
  },
};
