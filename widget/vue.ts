/**
 * The package's `fenqi/vue` entry: types that make both tags known to Vue's template type checker (vue-tsc, Volar),
 * with their properties and typed events (`@fenqi-plan-change="(e) => e.detail.value"`), and the check Vue's
 * compiler needs to leave the tags to the browser. It defines nothing: import `fenqi` (or one component) in the
 * app, and this entry in `vite.config` and once for types (`import type {} from 'fenqi/vue'`).
 */
import type { DefineComponent } from 'vue';
import type {
  FenqiBillPanel,
  FenqiErrorDetail,
  FenqiMethodChangedDetail,
  FenqiRepaidDetail,
  FenqiVerificationDetail,
} from './bill-panel/bill-panel.js';
import type {
  FenqiPlanSelector,
  PlanChangeDetail,
  PlanSelectorErrorDetail,
  PlanSelectorReadyDetail,
} from './plan-selector/plan-selector.js';

/**
 * True for fenqi's tags: `vue({ template: { compilerOptions: { isCustomElement: isFenqiElement } } })`, so Vue
 * renders them as custom elements instead of looking for Vue components of that name.
 */
export const isFenqiElement = (tag: string): boolean => tag.startsWith('fenqi-');

/** `<fenqi-plan-selector>` in a Vue template: its properties, and its events as `@fenqi-…` listeners. */
export type PlanSelectorVueProps = Partial<
  Pick<
    FenqiPlanSelector,
    'amount' | 'amountFen' | 'currency' | 'config' | 'configSrc' | 'name' | 'purchaseDate' | 'required' | 'value'
  >
> & {
  onFenqiPlanChange?: (event: CustomEvent<PlanChangeDetail>) => void;
  onFenqiReady?: (event: CustomEvent<PlanSelectorReadyDetail>) => void;
  onFenqiError?: (event: CustomEvent<PlanSelectorErrorDetail>) => void;
};

/** `<fenqi-bill-panel>` in a Vue template: its properties, and its events as `@fenqi-…` listeners. */
export type BillPanelVueProps = Partial<Pick<FenqiBillPanel, 'api' | 'adapter' | 'today'>> & {
  onFenqiRepaid?: (event: CustomEvent<FenqiRepaidDetail>) => void;
  onFenqiMethodChanged?: (event: CustomEvent<FenqiMethodChangedDetail>) => void;
  onFenqiVerification?: (event: CustomEvent<FenqiVerificationDetail>) => void;
  onFenqiError?: (event: CustomEvent<FenqiErrorDetail>) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'fenqi-plan-selector': DefineComponent<PlanSelectorVueProps>;
    'fenqi-bill-panel': DefineComponent<BillPanelVueProps>;
  }
}
