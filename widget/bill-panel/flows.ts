/**
 * The repay (立即还款) and payment-method (修改支付方式) flows as one chunk of their own. The panel shows the
 * plans without it and fetches it right after (docs/architecture.md, "Budgets"): the list is what a shopper
 * waits for, and by the time they press a button the dialogs are there.
 */
export { MethodFlow } from './method-flow.js';
export { RepayFlow } from './repay-flow.js';
