/**
 * The bill panel's words: a typed table per locale (functions for the parameterised ones), picked by the
 * nearest `lang` through widget/internal/locale.ts, English as the fallback. Sentences that contain an
 * amount take it rendered (`Amount`: the visible "¥523.33" plus the spoken "523.33人民币").
 */
import { html, type TemplateResult } from 'lit/html.js';
import type { Translations } from '../internal/locale.js';

/** An amount as rendered by the panel, for sentences that contain one. */
export type Amount = TemplateResult;

export interface BillPanelMessages {
  loading: string;
  empty: string;
  loadFailed: (reason: string) => string;
  retry: string;
  order: (id: string) => string;
  progress: (paid: number, total: number) => string;
  progressLabel: (paid: number, total: number) => string;
  nextDue: (date: string) => string;
  paidOff: string;
  dueIn: (days: number) => string;
  dueToday: string;
  overdue: (days: number) => string;
  autoDebitOn: (method: string) => string;
  autoDebitOff: string;
  noMethod: string;
  repay: string;
  changeMethod: string;
  schedule: string;
  scheduleCaption: (product: string) => string;
  period: string;
  dueDate: string;
  amount: string;
  status: string;
  periodN: (n: number) => string;
  paidOn: (date: string) => string;
  unpaid: string;
  lateCharge: (amount: Amount) => TemplateResult;
  close: string;
  cancel: string;
  done: string;
  unknownPlan: (id: string) => string;
  alreadyPaidOff: string;
  // repay dialog
  repayTitle: (product: string) => string;
  byInstallment: string;
  payoff: string;
  payoffNote: (waived: Amount | null) => TemplateResult | string;
  chooseInstallments: string;
  method: string;
  total: string;
  includesLate: (amount: Amount) => TemplateResult;
  confirmRepay: string;
  paying: string;
  repaid: (amount: Amount, periods: string) => TemplateResult;
  repaidAll: (amount: Amount) => TemplateResult;
  nothingSelected: string;
  // method dialog
  methodTitle: (product: string) => string;
  chooseMethod: string;
  current: string;
  next: string;
  saving: string;
  verifyTitle: string;
  codeLabel: string;
  passwordLabel: string;
  codeHint: string;
  resend: string;
  resent: string;
  confirm: string;
  badCodeFormat: string;
  methodChanged: (method: string) => string;
  sameMethod: string;
  noMethods: string;
  errors: Record<string, string>;
  failed: (reason: string) => string;
}

const zh: BillPanelMessages = {
  loading: '正在加载分期账单…',
  empty: '暂无分期账单',
  loadFailed: (r) => `分期账单加载失败：${r}`,
  retry: '重试',
  order: (id) => `订单号 ${id}`,
  progress: (p, t) => `${p}/${t}期`,
  progressLabel: (p, t) => `已还 ${p} 期，共 ${t} 期`,
  nextDue: (d) => `下期 ${d} 应还`,
  paidOff: '已还清',
  dueIn: (d) => `${d}天后到期`,
  dueToday: '今天到期',
  overdue: (d) => `已逾期 ${d} 天`,
  autoDebitOn: (m) => `自动扣款：${m}`,
  autoDebitOff: '自动扣款：未开通',
  noMethod: '未设置',
  repay: '立即还款',
  changeMethod: '修改支付方式',
  schedule: '还款计划',
  scheduleCaption: (p) => `${p} 的还款计划`,
  period: '期数',
  dueDate: '还款日',
  amount: '应还金额',
  status: '状态',
  periodN: (n) => `第${n}期`,
  paidOn: (d) => `已还 ${d}`,
  unpaid: '待还',
  lateCharge: (a) => html`含逾期费用 ${a}`,
  close: '关闭',
  cancel: '取消',
  done: '完成',
  unknownPlan: (id) => `找不到分期 ${id}：它不在本店的分期账单里。`,
  alreadyPaidOff: '这笔分期已还清，无需还款。',
  repayTitle: (p) => `立即还款 · ${p}`,
  byInstallment: '按期还款',
  payoff: '全部结清（提前还款）',
  payoffNote: (w) => (w ? html`免除未到期手续费 ${w}` : '含未到期各期手续费'),
  chooseInstallments: '选择还款期数（须从最早一期开始）',
  method: '支付方式',
  total: '合计',
  includesLate: (a) => html`含逾期费用 ${a}`,
  confirmRepay: '确认还款',
  paying: '正在还款…',
  repaid: (a, p) => html`还款成功：已支付 ${a}，${p}已还清。`,
  repaidAll: (a) => html`还款成功：已支付 ${a}，这笔分期已全部结清。`,
  nothingSelected: '请至少选择一期',
  methodTitle: (p) => `修改支付方式 · ${p}`,
  chooseMethod: '选择优先支付方式（到期自动扣款）',
  current: '当前',
  next: '下一步',
  saving: '正在提交…',
  verifyTitle: '安全验证',
  codeLabel: '短信验证码',
  passwordLabel: '支付密码',
  codeHint: '请输入 6 位数字',
  resend: '重新发送',
  resent: '验证码已重新发送',
  confirm: '确认修改',
  badCodeFormat: '请输入 6 位数字验证码',
  methodChanged: (m) => `修改成功：到期将从 ${m} 自动扣款。`,
  sameMethod: '这已经是当前的支付方式',
  noMethods: '没有可用的支付方式',
  errors: {
    network: '网络连接失败，请稍后再试',
    'payment-declined': '支付被拒绝',
    'wrong-code': '验证码错误，请重新输入',
    'verification-expired': '验证码已失效，请重新发送',
    'unknown-plan': '找不到这笔分期',
    'unknown-method': '找不到这个支付方式',
    'not-oldest-first': '须从最早未还的一期开始还款',
    'paid-off': '这笔分期已还清',
    'bad-response': '商户返回的数据有误',
  },
  failed: (r) => `操作失败，未做任何更改：${r}`,
};

const en: BillPanelMessages = {
  loading: 'Loading your installment plans…',
  empty: 'You have no installment plans.',
  loadFailed: (r) => `Could not load your installment plans: ${r}`,
  retry: 'Try again',
  order: (id) => `Order ${id}`,
  progress: (p, t) => `${p}/${t}`,
  progressLabel: (p, t) => `${p} of ${t} installments paid`,
  nextDue: (d) => `Due ${d}:`,
  paidOff: 'Paid off',
  dueIn: (d) => `Due in ${d} day${d === 1 ? '' : 's'}`,
  dueToday: 'Due today',
  overdue: (d) => `${d} day${d === 1 ? '' : 's'} overdue`,
  autoDebitOn: (m) => `Auto-debit: ${m}`,
  autoDebitOff: 'Auto-debit: off',
  noMethod: 'not set',
  repay: 'Repay now',
  changeMethod: 'Change payment method',
  schedule: 'Schedule',
  scheduleCaption: (p) => `Schedule of ${p}`,
  period: 'Installment',
  dueDate: 'Due date',
  amount: 'Amount',
  status: 'Status',
  periodN: (n) => `No. ${n}`,
  paidOn: (d) => `Paid ${d}`,
  unpaid: 'Unpaid',
  lateCharge: (a) => html`incl. late charge ${a}`,
  close: 'Close',
  cancel: 'Cancel',
  done: 'Done',
  unknownPlan: (id) => `There is no plan ${id} among your plans at this store.`,
  alreadyPaidOff: 'This plan is paid off: there is nothing to repay.',
  repayTitle: (p) => `Repay · ${p}`,
  byInstallment: 'Pay installments',
  payoff: 'Pay off everything (early payoff)',
  payoffNote: (w) => (w ? html`waives future fees of ${w}` : 'includes the fees of future installments'),
  chooseInstallments: 'Installments to pay (oldest first)',
  method: 'Payment method',
  total: 'Total',
  includesLate: (a) => html`includes late charge ${a}`,
  confirmRepay: 'Pay',
  paying: 'Paying…',
  repaid: (a, p) => html`Paid ${a}: ${p} settled.`,
  repaidAll: (a) => html`Paid ${a}: the plan is paid off.`,
  nothingSelected: 'Choose at least one installment',
  methodTitle: (p) => `Payment method · ${p}`,
  chooseMethod: 'Preferred payment method (used for auto-debit)',
  current: 'current',
  next: 'Continue',
  saving: 'Sending…',
  verifyTitle: 'Verification',
  codeLabel: 'SMS code',
  passwordLabel: 'Payment password',
  codeHint: '6 digits',
  resend: 'Send a new code',
  resent: 'A new code has been sent',
  confirm: 'Confirm',
  badCodeFormat: 'Enter the 6-digit code',
  methodChanged: (m) => `Done: installments will be debited from ${m}.`,
  sameMethod: 'This is already the payment method',
  noMethods: 'No payment methods are available',
  errors: {
    network: 'The connection failed; try again later',
    'payment-declined': 'The payment was declined',
    'wrong-code': 'The code is wrong; try again',
    'verification-expired': 'The code has expired; send a new one',
    'unknown-plan': 'There is no such plan',
    'unknown-method': 'There is no such payment method',
    'not-oldest-first': 'Installments are repaid oldest first',
    'paid-off': 'This plan is paid off',
    'bad-response': 'The store sent data that could not be read',
  },
  failed: (r) => `Nothing was changed: ${r}`,
};

export const billPanelMessages: Translations<BillPanelMessages> = { en, 'zh-CN': zh };
