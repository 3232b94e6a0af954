import { defineOnce } from '../internal/define.js';
import { FenqiPlanSelector } from './plan-selector.component.js';

export { FenqiPlanSelector };
export type { PlanChangeDetail, PlanSelectorErrorDetail, PlanSelectorReadyDetail } from './plan-selector.component.js';

defineOnce('fenqi-plan-selector', FenqiPlanSelector);

declare global {
  interface HTMLElementTagNameMap {
    'fenqi-plan-selector': FenqiPlanSelector;
  }
}
