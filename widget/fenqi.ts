/**
 * The one script a merchant adds: `<script type="module" src=".../fenqi.js"></script>`, and the package's
 * main entry (`import 'fenqi'`). It defines <fenqi-plan-selector> at once, and loads <fenqi-bill-panel> only
 * on pages that use it. It also re-exports `quote()` for merchants who draw their own UI. On a server
 * (Next.js, Nuxt) importing it defines nothing and touches no browser global.
 */
import { loadWhenUsed } from './internal/define.js';
import './plan-selector/plan-selector.js';

export { FenqiPlanSelector } from './plan-selector/plan-selector.js';
export type {
  PlanChangeDetail,
  PlanSelectorErrorDetail,
  PlanSelectorReadyDetail,
} from './plan-selector/plan-selector.js';
// Types only (erased from the script), so `document.querySelector('fenqi-bill-panel')` and the panel's events are
// typed for whoever imports this entry, while its code still loads only where the tag is used.
export type {
  FenqiBillPanel,
  FenqiErrorDetail,
  FenqiMerchantAdapter,
  FenqiMethodChangedDetail,
  FenqiRepaidDetail,
  FenqiVerificationDetail,
} from './bill-panel/bill-panel.js';
export { quote } from '../shared/index.js';

loadWhenUsed('fenqi-bill-panel', () => import('./bill-panel/bill-panel.js'));
