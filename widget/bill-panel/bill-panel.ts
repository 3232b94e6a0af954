import { defineOnce } from '../internal/define.js';
import { FenqiBillPanel } from './bill-panel.component.js';

export { FenqiBillPanel };
export type {
  FenqiMerchantAdapter,
  RepaymentBody,
  Repayment,
  VerificationChallenge,
} from '../../shared/merchant-api.js';
export type {
  FenqiErrorDetail,
  FenqiRepaidDetail,
  FenqiMethodChangedDetail,
  FenqiVerificationDetail,
} from './bill-panel.component.js';

defineOnce('fenqi-bill-panel', FenqiBillPanel);

declare global {
  interface HTMLElementTagNameMap {
    'fenqi-bill-panel': FenqiBillPanel;
  }
}
