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
  /** The empty list's way back to the store (去逛逛). */
  shop: string;
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
  paidOffNoMethod: string;
  // repay dialog
  repayTitle: (product: string) => string;
  byInstallment: string;
  payoff: string;
  payoffNote: (waived: Amount | null) => TemplateResult | string;
  chooseInstallments: string;
  method: string;
  loadingMethods: string;
  /** The payment methods could not be loaded (`reason` is a sentence): nothing can be paid until they are. */
  methodsFailed: (reason: string) => string;
  total: string;
  includesLate: (amount: Amount) => TemplateResult;
  confirmRepay: string;
  paying: string;
  repaid: (amount: Amount, periods: string) => TemplateResult;
  repaidAll: (amount: Amount) => TemplateResult;
  /** A refusal of a repayment: nothing moved (`declined`: the method refused it, so another may work). */
  notCharged: (reason: string, declined: boolean) => string;
  declined: (reason: string) => string;
  /** 409 amount-changed, the dialog still open: the new total, to confirm again. */
  amountChanged: (total: Amount) => TemplateResult;
  /** 409 amount-changed after the dialog was closed. */
  amountChangedLater: string;
  /** The merchant's new figure is not the one amountDue gives: asking again cannot help. */
  amountDisagrees: string;
  /** The answer charged another figure than the one confirmed. */
  chargedMismatch: (charged: Amount, confirmed: Amount) => TemplateResult;
  /** No readable answer: the plan is being read again. */
  checking: string;
  confirmedPaid: (periods: string) => string;
  confirmedNotPaid: string;
  outcomeUnknown: string;
  outcomeUnknownLater: string;
  /** The dialog was closed while a payment was in flight. */
  pendingClosed: string;
  stillPending: string;
  /** The page is framed by another site: no payment or method change starts there. */
  framed: string;
  // method dialog
  methodTitle: (product: string) => string;
  chooseMethod: string;
  current: string;
  next: string;
  saving: string;
  /** The verify step, naming the method the plan is being switched to. */
  verifyTitle: (method: string) => string;
  codeLabel: string;
  passwordLabel: string;
  codeHint: string;
  resend: string;
  /** The resend button while the merchant's wait runs: "重新发送(59s)". */
  resendIn: (seconds: number) => string;
  resent: string;
  confirm: string;
  badCodeFormat: string;
  methodChanged: (method: string) => string;
  sameMethod: string;
  noMethods: string;
  wrongCode: (attemptsLeft: number) => string;
  /** Too many wrong codes: a new code may be asked for in `minutes` (0: now). */
  codeLocked: (minutes: number) => string;
  tooManyCodes: (minutes: number) => string;
  /** A refusal of a method change: nothing changed. */
  notChanged: (reason: string) => string;
  /**
   * One sentence per merchant error code and transport failure (what happened, what to do); `refused` for a
   * code the panel does not know, `bad-response` for a broken answer (`nothing-selected` also when the shopper
   * confirms with no installment chosen; `verification-locked` is `codeLocked`). Details go to the console, never here.
   */
  errors: Record<string, string>;
  /** A plan's status, when it is not active (审核中, 未通过, 已取消). */
  lifecycle: Record<string, string>;
  /** What the status means for the shopper: what happens next, and that nothing is owed. */
  lifecycleNext: Record<string, string>;
  because: (reason: string) => string;
}

const zhLocked = (m: number) =>
  `验证码错误次数过多，已锁定。${m ? `请 ${m} 分钟后重新获取验证码。` : '请重新获取验证码。'}`;
const enLocked = (m: number) =>
  `Too many wrong codes: the code is locked. ${m ? `Ask for a new one in ${m} minute${m === 1 ? '' : 's'}.` : 'Ask for a new one.'}`;

const zh: BillPanelMessages = {
  loading: '正在加载分期账单…',
  empty: '暂无分期账单',
  shop: '去逛逛',
  loadFailed: (r) => `暂时无法显示您的分期账单。${r}`,
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
  paidOffNoMethod: '这笔分期已还清，不再扣款，无需修改支付方式。',
  repayTitle: (p) => `立即还款 · ${p}`,
  byInstallment: '按期还款',
  payoff: '全部结清（提前还款）',
  payoffNote: (w) => (w ? html`免除未到期手续费 ${w}` : '含未到期各期手续费'),
  chooseInstallments: '选择还款期数（须从最早一期开始）',
  method: '支付方式',
  loadingMethods: '正在加载支付方式…',
  methodsFailed: (r) => `支付方式加载失败，暂时无法付款。${r}`,
  total: '合计',
  includesLate: (a) => html`含逾期费用 ${a}`,
  confirmRepay: '确认还款',
  paying: '正在还款…',
  repaid: (a, p) => html`还款成功：已支付 ${a}，${p}已还清。`,
  repaidAll: (a) => html`还款成功：已支付 ${a}，这笔分期已全部结清。`,
  notCharged: (r, d) => `${r}未扣款${d ? '，可换一种支付方式再试' : ''}。`,
  declined: (r) => `支付被拒绝${r ? `：${r}` : ''}。`,
  amountChanged: (a) => html`应还金额已更新为 ${a}，刚才未扣款。请核对后再次确认。`,
  amountChangedLater: '应还金额已变化，刚才的还款未扣款。请重新发起还款。',
  amountDisagrees: '商户的应还金额与本页显示的不一致，未扣款。请刷新页面后再试，或联系商户。',
  chargedMismatch: (c, e) => html`商户实际扣款 ${c}，与您确认的 ${e} 不一致。请立即联系商户核实。`,
  checking: '未能确认还款结果，正在查询…',
  confirmedPaid: (p) => `经查询，还款已成功${p ? `：${p}已还清` : '，这笔分期已全部结清'}。`,
  confirmedNotPaid: '未能确认还款结果。经查询，这笔还款没有成功，未扣款，可以重试。',
  outcomeUnknown: '未能确认这笔还款是否成功。请不要用其他方式重复付款；重试不会重复扣款。',
  outcomeUnknownLater: '未能确认刚才的还款是否成功。请不要重复付款，稍后刷新本页查看。',
  pendingClosed: '正在确认刚才的还款，请稍候…',
  stillPending: '上一笔还款正在确认中，请稍候。',
  framed: '为保障资金安全，本页嵌在其他网站中时不能还款或修改支付方式。请直接打开商户网站。',
  methodTitle: (p) => `修改支付方式 · ${p}`,
  chooseMethod: '选择优先支付方式（到期自动扣款）',
  current: '当前',
  next: '下一步',
  saving: '正在提交…',
  verifyTitle: (m) => `安全验证：改为 ${m}`,
  codeLabel: '短信验证码',
  passwordLabel: '支付密码',
  codeHint: '请输入 6 位数字',
  resend: '重新发送',
  resendIn: (n) => `重新发送(${n}s)`,
  resent: '验证码已重新发送',
  confirm: '确认修改',
  badCodeFormat: '请输入 6 位数字验证码。',
  methodChanged: (m) => `修改成功：到期将从 ${m} 自动扣款。`,
  sameMethod: '这已经是当前的支付方式。',
  noMethods: '没有可用的支付方式。',
  wrongCode: (n) => (n > 0 ? `验证码错误，还可尝试 ${n} 次。` : '验证码错误，此验证码已失效，请重新获取。'),
  codeLocked: zhLocked,
  tooManyCodes: (m) => `获取验证码过于频繁，请 ${m} 分钟后再试。`,
  notChanged: (r) => `${r}支付方式未修改。`,
  errors: {
    network: '网络连接失败，请检查网络后重试。',
    timeout: '商户长时间没有响应，请稍后重试。',
    'server-error': '商户系统暂时出错，请稍后重试。',
    'bad-response': '商户系统出错，暂时无法完成，请稍后再试或联系商户。',
    refused: '商户未能完成这次操作，请稍后再试或联系商户。',
    'not-configured': '分期账单暂不可用，请联系商户。',
    'not-signed-in': '请先登录，再查看分期账单。',
    'unknown-plan': '找不到这笔分期，请刷新页面。',
    'unknown-method': '这个支付方式已不可用，请换一个。',
    'not-oldest-first': '须从最早未还的一期开始还款。',
    'unknown-installment': '所选期数已变化，请重新选择。',
    'nothing-selected': '请至少选择一期。',
    'paid-off': '这笔分期已还清。',
    'amount-changed': '应还金额已变化。',
    'wrong-code': '验证码错误，请重新输入。',
    'verification-expired': '验证码已过期，请重新获取。',
    'too-many-codes': '获取验证码过于频繁，请稍后再试。',
    'plan-not-active': '这笔分期未生效，无需还款。',
  },
  lifecycle: { 'under-review': '审核中', rejected: '未通过', cancelled: '已取消' },
  lifecycleNext: {
    'under-review': '审核通过后开始还款并发货，期间无需还款。',
    rejected: '未生成还款计划，无需还款。',
    cancelled: '无需还款。',
  },
  because: (r) => `原因：${r}。`,
};

const en: BillPanelMessages = {
  loading: 'Loading your installment plans…',
  empty: 'You have no installment plans.',
  shop: 'Continue shopping',
  loadFailed: (r) => `Your installment plans could not be shown. ${r}`,
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
  paidOffNoMethod: 'This plan is paid off: nothing more will be charged, so there is no payment method to change.',
  repayTitle: (p) => `Repay · ${p}`,
  byInstallment: 'Pay installments',
  payoff: 'Pay off everything (early payoff)',
  payoffNote: (w) => (w ? html`waives future fees of ${w}` : 'includes the fees of future installments'),
  chooseInstallments: 'Installments to pay (oldest first)',
  method: 'Payment method',
  loadingMethods: 'Loading payment methods…',
  methodsFailed: (r) => `Payment methods could not be loaded, so you cannot pay yet. ${r}`,
  total: 'Total',
  includesLate: (a) => html`includes late charge ${a}`,
  confirmRepay: 'Pay',
  paying: 'Paying…',
  repaid: (a, p) => html`Paid ${a}: ${p} settled.`,
  repaidAll: (a) => html`Paid ${a}: the plan is paid off.`,
  notCharged: (r, d) => `${r} Nothing was charged${d ? '; you can try another payment method' : ''}.`,
  declined: (r) => `The payment was declined${r ? `: ${r}` : ''}.`,
  amountChanged: (a) => html`The amount due is now ${a}; nothing was charged. Check it and confirm again.`,
  amountChangedLater: 'The amount due changed, so your payment was not charged. Start the payment again.',
  amountDisagrees:
    "The store's amount due differs from the one shown here; nothing was charged. Reload the page and try again, or contact the store.",
  chargedMismatch: (c, e) =>
    html`The store charged ${c}, not the ${e} you confirmed. Contact the store now to have it checked.`,
  checking: 'The payment could not be confirmed; checking…',
  confirmedPaid: (p) => `We checked: the payment went through${p ? `, ${p} settled` : ' and the plan is paid off'}.`,
  confirmedNotPaid:
    'The payment could not be confirmed. We checked: it did not go through and nothing was charged. You can try again.',
  outcomeUnknown:
    'We could not confirm whether this payment went through. Do not pay another way; trying again will not charge you twice.',
  outcomeUnknownLater:
    'We could not confirm whether your payment went through. Do not pay again; reload this page later to check.',
  pendingClosed: 'Confirming your payment…',
  stillPending: 'A payment is still being confirmed; wait a moment.',
  framed:
    "For your safety, you cannot pay or change the payment method while this page is shown inside another site. Open the store's site directly.",
  methodTitle: (p) => `Payment method · ${p}`,
  chooseMethod: 'Preferred payment method (used for auto-debit)',
  current: 'current',
  next: 'Continue',
  saving: 'Sending…',
  verifyTitle: (m) => `Verify the switch to ${m}`,
  codeLabel: 'SMS code',
  passwordLabel: 'Payment password',
  codeHint: '6 digits',
  resend: 'Send a new code',
  resendIn: (n) => `New code in ${n}s`,
  resent: 'A new code has been sent',
  confirm: 'Confirm',
  badCodeFormat: 'Enter the 6-digit code.',
  methodChanged: (m) => `Done: installments will be debited from ${m}.`,
  sameMethod: 'This is already the payment method.',
  noMethods: 'No payment methods are available.',
  wrongCode: (n) =>
    n > 0
      ? `The code is wrong; ${n} ${n === 1 ? 'try' : 'tries'} left.`
      : 'The code is wrong and no longer valid. Ask for a new one.',
  codeLocked: enLocked,
  tooManyCodes: (m) => `Too many codes were asked for. Try again in ${m} minute${m === 1 ? '' : 's'}.`,
  notChanged: (r) => `${r} The payment method was not changed.`,
  errors: {
    network: 'The connection failed. Check your connection and try again.',
    timeout: 'The store did not answer in time. Try again in a moment.',
    'server-error': "The store's system had a problem. Try again in a moment.",
    'bad-response': "The store's system could not complete this. Try again later or contact the store.",
    refused: 'The store could not complete this. Try again later or contact the store.',
    'not-configured': 'Your installment plans are not available here. Contact the store.',
    'not-signed-in': 'Sign in to see your installment plans.',
    'unknown-plan': 'This plan could not be found. Reload the page.',
    'unknown-method': 'This payment method is no longer available. Choose another.',
    'not-oldest-first': 'Installments are repaid oldest first.',
    'unknown-installment': 'The installments changed. Choose again.',
    'nothing-selected': 'Choose at least one installment.',
    'paid-off': 'This plan is already paid off.',
    'amount-changed': 'The amount due has changed.',
    'wrong-code': 'The code is wrong. Enter it again.',
    'verification-expired': 'The code has expired. Ask for a new one.',
    'too-many-codes': 'Too many codes were asked for. Try again later.',
    'plan-not-active':
      'This plan is not in effect (under review, not approved or cancelled): nothing to repay or change.',
  },
  lifecycle: { 'under-review': 'Under review', rejected: 'Not approved', cancelled: 'Cancelled' },
  lifecycleNext: {
    'under-review': 'Repayments start and the order ships once approved; nothing is due meanwhile.',
    rejected: 'No schedule: nothing to repay.',
    cancelled: 'Nothing to repay.',
  },
  because: (r) => `Reason: ${r}. `,
};

export const billPanelMessages: Translations<BillPanelMessages> = { en, 'zh-CN': zh };
