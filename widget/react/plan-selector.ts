import type { HTMLAttributes, Ref } from 'react';
import '../plan-selector/plan-selector.js';
import type {
  FenqiPlanSelector,
  PlanChangeDetail,
  PlanSelectorErrorDetail,
  PlanSelectorReadyDetail,
} from '../plan-selector/plan-selector.js';
import { forwardToElement } from './forward.js';

/** `<PlanSelector>`'s props: the element's own properties, its events as `onX` props, and React's usual ones. */
export interface PlanSelectorProps
  extends
    Partial<
      Pick<
        FenqiPlanSelector,
        'amount' | 'amountFen' | 'currency' | 'config' | 'configSrc' | 'name' | 'purchaseDate' | 'required' | 'value'
      >
    >,
    Omit<HTMLAttributes<FenqiPlanSelector>, 'onError' | 'defaultValue'> {
  ref?: Ref<FenqiPlanSelector>;
  /** `fenqi-plan-change`: the shopper chose a provider or a term (cancelable). */
  onPlanChange?: (event: CustomEvent<PlanChangeDetail>) => void;
  /** `fenqi-ready`: the plans are shown. */
  onReady?: (event: CustomEvent<PlanSelectorReadyDetail>) => void;
  /** `fenqi-error`: the selector cannot show plans (bad amount, config or value). */
  onError?: (event: CustomEvent<PlanSelectorErrorDetail>) => void;
}

/** `<fenqi-plan-selector>` as a React 19 component. */
export const PlanSelector = forwardToElement<PlanSelectorProps>('fenqi-plan-selector', {
  onPlanChange: 'fenqi-plan-change',
  onReady: 'fenqi-ready',
  onError: 'fenqi-error',
});
