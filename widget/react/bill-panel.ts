import type { HTMLAttributes, Ref } from 'react';
import '../bill-panel/bill-panel.js';
import type {
  FenqiBillPanel,
  FenqiErrorDetail,
  FenqiMethodChangedDetail,
  FenqiRepaidDetail,
  FenqiVerificationDetail,
} from '../bill-panel/bill-panel.js';
import { forwardToElement } from './forward.js';

/** `<BillPanel>`'s props: the element's own properties, its events as `onX` props, and React's usual ones. */
export interface BillPanelProps
  extends Partial<Pick<FenqiBillPanel, 'api' | 'adapter' | 'today'>>, Omit<HTMLAttributes<FenqiBillPanel>, 'onError'> {
  ref?: Ref<FenqiBillPanel>;
  /** `fenqi-repaid`: the shopper repaid. */
  onRepaid?: (event: CustomEvent<FenqiRepaidDetail>) => void;
  /** `fenqi-method-changed`: the shopper changed a plan's payment method. */
  onMethodChanged?: (event: CustomEvent<FenqiMethodChangedDetail>) => void;
  /** `fenqi-verification`: the merchant asked for a verification code. */
  onVerification?: (event: CustomEvent<FenqiVerificationDetail>) => void;
  /** `fenqi-error`: the panel cannot show the plans. */
  onError?: (event: CustomEvent<FenqiErrorDetail>) => void;
}

/** `<fenqi-bill-panel>` as a React 19 component. */
export const BillPanel = forwardToElement<BillPanelProps>('fenqi-bill-panel', {
  onRepaid: 'fenqi-repaid',
  onMethodChanged: 'fenqi-method-changed',
  onVerification: 'fenqi-verification',
  onError: 'fenqi-error',
});
